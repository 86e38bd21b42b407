"""Reading an uploaded CSV file of rows about employees, shared by the KPI import (goals), the
training import (onboarding) and the people import (people_import), and what their previews show.

The format: a header naming the columns (more columns are ignored), separated by commas, semicolons
or tabs (decided by the header), UTF-8 with or without a byte-order mark, or Windows-1252. Each line
after the header is read on its own: what is wrong with one line is an error of that line, named by
a code with parameters (translated when shown, in the reader's language); only what makes the whole
file unusable raises ValidationError.
"""

import csv
import io
from collections.abc import Iterator
from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from people.models import Employee

DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y")
MAX_ROWS = 20_000
ERROR_ROWS_SHOWN = 100
FIRST_ROWS_SHOWN = 20

# What can be wrong with the format of a line, and with its employee number. Unknown and
# out-of-scope employee numbers share one message that names no one, so that an upload cannot be
# used to find out who works where.
FORMAT_ERRORS = {
    "unreadable": gettext_lazy("The line cannot be read: a cell is longer than 131,072 characters."),
    "nul": gettext_lazy("The line contains a NUL character."),
    "cell_too_long": gettext_lazy("A cell is longer than %(max)s characters."),
    "employee_missing": gettext_lazy("The employee number is missing."),
    "employee_unknown": gettext_lazy("Unknown employee number, or someone outside your scope."),
    "date": gettext_lazy("“%(date)s” is not a date; write it as YYYY-MM-DD."),
}


def decode(content: bytes) -> str:
    """The file's text: UTF-8 (with or without a byte-order mark), else Windows-1252, as Excel saves
    "CSV" on a Nordic Windows. Raises ValidationError when it is neither."""
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return content.decode("cp1252")
    except UnicodeDecodeError:
        raise ValidationError(
            _("The file is neither UTF-8 nor Windows-1252 text. Save it as “CSV UTF-8” and upload it again.")
        ) from None


def parse_date(text: str) -> date | None:
    for date_format in DATE_FORMATS:
        try:
            return datetime.strptime(text.strip(), date_format).date()
        except ValueError:
            continue
    return None


def _delimiter(header_line: str) -> str:
    # The header names the columns and never holds a decimal comma, so it tells the separator.
    for delimiter in (";", "\t"):
        if delimiter in header_line:
            return delimiter
    return ","


def split_lines(text):
    """(line number, cells or None when the line could not be read) for every non-empty line."""
    reader = csv.reader(io.StringIO(text), delimiter=_delimiter(text.lstrip().split("\n", 1)[0]))
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error:  # a cell over csv.field_size_limit(); the reader goes on with the next line
            yield reader.line_num, None
            continue
        if any(cell.strip() for cell in cells):
            yield reader.line_num, cells


def read_lines(
    text: str, *, columns: tuple, optional: tuple = (), max_cell: int = 100
) -> Iterator[tuple[int, dict | None, list]]:
    """(line number, {column: text} or None, errors) for every line after the header; the texts are
    stripped, without NUL, cut at `max_cell` characters. The values are None when the line cannot be
    split into the header's columns (then which cell is which is a guess: no further checks). Raises
    ValidationError when the file is empty, lacks a column of `columns`, has no row or too many."""
    lines = split_lines(text)
    first = next(lines, None)
    if first is None:
        raise ValidationError(_("The file is empty."))
    header = [_kept(cell, max_cell).lower() for cell in first[1] or []]
    missing = [column for column in columns if column not in header]
    if missing:
        raise ValidationError(
            _("Missing columns: %(columns)s. The first line must name the columns %(expected)s.")
            % {"columns": ", ".join(missing), "expected": ", ".join(columns)}
        )
    position = {column: header.index(column) for column in (*columns, *optional) if column in header}
    count = 0
    for line, cells in lines:
        if count == MAX_ROWS:
            raise ValidationError(_("The file has more than %(count)s rows.") % {"count": MAX_ROWS})
        count += 1
        if cells is None:
            yield line, None, [["unreadable", None]]
            continue
        errors = [["nul", None]] if any("\x00" in cell for cell in cells) else []
        if len(cells) != len(header):
            errors.append(["columns", {"count": len(cells), "expected": len(header)}])
            yield line, None, errors
            continue
        if any(len(cell.strip()) > max_cell for cell in cells):
            errors.append(["cell_too_long", {"max": max_cell}])
        values = {column: _kept(cells[index], max_cell) for column, index in position.items()}
        yield line, {column: values.get(column, "") for column in (*columns, *optional)}, errors
    if not count:
        raise ValidationError(_("The file has a header but no rows."))


def _kept(text: str, max_cell: int) -> str:
    # PostgreSQL text cannot hold NUL; the error says it was there.
    return text.replace("\x00", "").strip()[:max_cell]


def employees_by_number(user, numbers) -> dict[str, int]:
    """{employee number: id} of the people `user` may edit among `numbers`: everyone else is
    "unknown". One query."""
    return dict(
        Employee.objects.visible_to(user, for_edit=True)
        .filter(employee_number__in={number for number in numbers if number})
        .values_list("employee_number", "pk")
    )


def preview_rows(rows, *related) -> dict:
    """The rows in error and the first rows of an import (both capped, so that the preview and its
    two queries stay the same size for 10 rows or 20,000)."""
    rows = rows.order_by("line")

    def shown(chosen):
        # Pick the lines on the narrow row table first, then join the few for display: joined first,
        # PostgreSQL may join and sort every row of a large file before it takes the first ones.
        return list(rows.filter(pk__in=chosen.values("pk")).select_related(*related))

    return {
        "error_rows": shown(rows.filter(has_errors=True)[:ERROR_ROWS_SHOWN]),
        "first_rows": shown(rows[:FIRST_ROWS_SHOWN]),
    }


def skipped(row) -> bool:
    """True when a row's line could not be split into its columns: nothing else is checked."""
    return any(code in ("unreadable", "columns") for code, _params in row.errors)


def resolve_employee(row, employees: dict) -> None:
    """Set `row.employee_id` from its employee number (employees_by_number()), or add its error."""
    if not row.employee_number:
        row.errors.append(["employee_missing", None])
    elif row.employee_number not in employees:
        row.errors.append(["employee_unknown", None])
    row.employee_id = employees.get(row.employee_number)


def by_code_or_name(objects) -> dict[str, int]:
    """{lower-case code or name in any language: id} of `objects` (reference content with a `code`
    and a translated `name`), so that a file may name them either way."""
    found = {}
    for obj in objects:
        found[obj.code.lower()] = obj.pk
        for language, _language_name in settings.LANGUAGES:
            if name := getattr(obj, f"name_{language}"):
                found[name.lower()] = obj.pk
    return found
