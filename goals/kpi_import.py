"""KPI import: a CSV exported from a WFM or quality system, kept as an import record, confirmed whole.

kpi_import_upload() reads and validates a file and stores it as a KpiImport with one KpiImportRow
per line: the preview is read from there, never from the session. kpi_import_confirm() writes the
measurements once, only when every row is valid and still in the confirming user's scope;
kpi_import_discard() drops the rows. Both are guarded transitions out of "previewed".

The file format (see README): a header naming the columns employee_number, metric, period_end and
value (more columns are ignored), separated by commas, semicolons or tabs (decided by the header),
UTF-8 with or without a byte-order mark, or Windows-1252. A value may use a decimal comma; in a
comma-separated file it must then be quoted, or the line has too many cells and is an error.
"""

import csv
import hashlib
import io
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from goals.models import KpiImport, KpiImportRow, KpiMeasurement, Metric
from people.models import Employee

COLUMNS = ("employee_number", "metric", "period_end", "value")
DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y")
MAX_ROWS = 20_000
MAX_CELL = 100  # the longest text kept per cell (KpiImportRow's fields)
# Rounded to cents, the value must fit the measurement's DecimalField(max_digits=12, decimal_places=2).
LARGEST_VALUE = Decimal("9999999999.99")


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


def _delimiter(header_line: str) -> str:
    # The header names the columns and never holds a decimal comma, so it tells the separator.
    for delimiter in (";", "\t"):
        if delimiter in header_line:
            return delimiter
    return ","


def _parse_number(text):
    """(value, None) or (None, error code). A decimal comma is accepted when there is no point."""
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "").removesuffix("%")
    if "," in cleaned and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        return None, "number"
    if not number.is_finite():
        return None, "number"
    if abs(number) >= LARGEST_VALUE + Decimal("0.005"):  # would round to more than the field holds
        return None, "too_large"
    return number.quantize(Decimal("0.01")), None


def _parse_date(text):
    for date_format in DATE_FORMATS:
        try:
            return datetime.strptime(text.strip(), date_format).date()
        except ValueError:
            continue
    return None


def _kept(text: str) -> str:
    # PostgreSQL text cannot hold NUL; the error says it was there.
    return text.replace("\x00", "").strip()[:MAX_CELL]


def _lines(text):
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


def read_rows(text: str) -> list[KpiImportRow]:
    """Unsaved rows for every line after the header, each with its own format errors. Raises
    ValidationError for what makes the whole file unusable (empty, columns missing, too long)."""
    lines = _lines(text)
    first = next(lines, None)
    if first is None:
        raise ValidationError(_("The file is empty."))
    header = [_kept(cell).lower() for cell in first[1] or []]
    missing = [column for column in COLUMNS if column not in header]
    if missing:
        raise ValidationError(
            _("Missing columns: %(columns)s. The first line must name the columns %(expected)s.")
            % {"columns": ", ".join(missing), "expected": ", ".join(COLUMNS)}
        )
    position = {column: header.index(column) for column in COLUMNS}
    rows = []
    for line, cells in lines:
        if len(rows) == MAX_ROWS:
            raise ValidationError(_("The file has more than %(count)s rows.") % {"count": MAX_ROWS})
        row = KpiImportRow(line=line, errors=[])
        rows.append(row)
        if cells is None:
            row.errors.append(["unreadable", None])
            continue
        if any("\x00" in cell for cell in cells):
            row.errors.append(["nul", None])
        if len(cells) != len(header):
            row.errors.append(["columns", {"count": len(cells), "expected": len(header)}])
            continue  # which cell is which is a guess: no further checks
        if any(len(cell.strip()) > MAX_CELL for cell in cells):
            row.errors.append(["cell_too_long", {"max": MAX_CELL}])
        row.employee_number = _kept(cells[position["employee_number"]])
        row.metric_text = _kept(cells[position["metric"]])
        row.period_end_text = _kept(cells[position["period_end"]])
        row.value_text = _kept(cells[position["value"]])
        row.period_end = _parse_date(row.period_end_text)
        if row.period_end is None:
            row.errors.append(["date", {"date": row.period_end_text}])
        row.value, error = _parse_number(row.value_text)
        if error:
            row.errors.append([error, {"value": row.value_text}])
    if not rows:
        raise ValidationError(_("The file has a header but no rows."))
    return rows


def _resolve(rows, user):
    """Employees (only those `user` may edit: everyone else is "unknown") and metrics; two queries."""
    employees = dict(
        Employee.objects.visible_to(user, for_edit=True)
        .filter(employee_number__in={row.employee_number for row in rows if row.employee_number})
        .values_list("employee_number", "pk")
    )
    metrics = {}
    for metric in Metric.objects.filter(is_active=True):
        metrics[metric.code.lower()] = metric.pk
        for language, _language_name in settings.LANGUAGES:  # a column may carry its name in any language
            if name := getattr(metric, f"name_{language}"):
                metrics[name.lower()] = metric.pk
    seen = {}
    for row in rows:
        if any(code in ("unreadable", "columns") for code, _params in row.errors):
            continue
        if not row.employee_number:
            row.errors.append(["employee_missing", None])
        elif row.employee_number not in employees:
            row.errors.append(["employee_unknown", None])
        row.employee_id = employees.get(row.employee_number)
        row.metric_id = metrics.get(row.metric_text.lower())
        if row.metric_id is None:
            row.errors.append(["metric_unknown", {"metric": row.metric_text}])
        if row.employee_id and row.metric_id and row.period_end:
            key = (row.employee_id, row.metric_id, row.period_end)
            if key in seen:
                row.errors.append(["duplicate", {"line": seen[key]}])
            else:
                seen[key] = row.line


@transaction.atomic
def kpi_import_upload(*, content: bytes, file_name: str, user, now: datetime) -> KpiImport:
    """Read `content` for `user` and keep it, with every row and its errors, as a previewed import.
    Writes no measurement. Raises ValidationError when the file as a whole cannot be read."""
    rows = read_rows(decode(content))
    _resolve(rows, user)
    for row in rows:
        row.has_errors = bool(row.errors)
    kpi_import = KpiImport.objects.create(
        uploaded_by=user,
        uploaded_at=now,
        file_name=file_name[:255],
        checksum=hashlib.sha256(content).hexdigest(),
        row_count=len(rows),
        error_count=sum(row.has_errors for row in rows),
    )
    for row in rows:
        row.kpi_import = kpi_import
    KpiImportRow.objects.bulk_create(rows, batch_size=2000)
    return kpi_import


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int


def kpi_import_confirm(*, kpi_import: KpiImport, user, now: datetime) -> ImportResult:
    """Write the rows of a previewed, valid import as measurements, all or none, and mark it imported.
    A measurement already stored for the employee, metric and period end takes the new value. Raises
    ValidationError when the import is no longer previewed (a second click, another tab) or a row's
    employee has left `user`'s scope since the preview: the rows are then written once."""
    with transaction.atomic():
        # The decision reads the import and all its rows: lock the import so a second confirm waits.
        locked = KpiImport.objects.select_for_update().get(pk=kpi_import.pk)
        if locked.status != KpiImport.Status.PREVIEWED:
            raise ValidationError(_("This file was already imported or discarded; nothing more was changed."))
        if not locked.is_valid:
            raise ValidationError(_("Nothing is imported until every row is valid."))
        rows = list(locked.rows.values_list("employee_id", "metric_id", "period_end", "value"))
        employee_ids = {row[0] for row in rows}
        in_scope = Employee.objects.visible_to(user, for_edit=True).filter(pk__in=employee_ids).count()
        if in_scope != len(employee_ids) or any(row[1] is None for row in rows):  # moved or deleted since
            raise ValidationError(_("Some people in this file are no longer in your scope. Upload it again."))
        stored = KpiMeasurement.objects.filter(
            employee_id__in=employee_ids,
            metric_id__in={row[1] for row in rows},
            period_end__in={row[2] for row in rows},
        ).values_list("employee_id", "metric_id", "period_end", "value")
        existing = {
            (employee_id, metric_id, period_end): value
            for employee_id, metric_id, period_end, value in stored
        }
        changed = [
            KpiMeasurement(
                employee_id=employee_id,
                metric_id=metric_id,
                period_end=period_end,
                value=value,
                imported_at=now,
                imported_by=user,
            )
            for employee_id, metric_id, period_end, value in rows
            if existing.get((employee_id, metric_id, period_end)) != value
        ]
        updated = sum((m.employee_id, m.metric_id, m.period_end) in existing for m in changed)
        KpiMeasurement.objects.bulk_create(
            changed,
            batch_size=1000,
            update_conflicts=True,
            unique_fields=["employee", "metric", "period_end"],
            update_fields=["value", "imported_at", "imported_by"],
        )
        locked.status = KpiImport.Status.CONFIRMED
        locked.decided_at = now
        locked.created_count = len(changed) - updated
        locked.updated_count = updated
        locked.save(update_fields=["status", "decided_at", "created_count", "updated_count"])
        locked.rows.all().delete()  # they are measurements now
    return ImportResult(created=len(changed) - updated, updated=updated, unchanged=len(rows) - len(changed))


def kpi_import_discard(*, kpi_import: KpiImport, now: datetime) -> bool:
    """Drop a previewed import and its rows. Safe to repeat: False when it was no longer previewed."""
    with transaction.atomic():
        discarded = KpiImport.objects.filter(pk=kpi_import.pk, status=KpiImport.Status.PREVIEWED).update(
            status=KpiImport.Status.DISCARDED, decided_at=now
        )
        if discarded:
            KpiImportRow.objects.filter(kpi_import_id=kpi_import.pk).delete()
    return bool(discarded)
