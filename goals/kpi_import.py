"""KPI import: a CSV exported from a WFM or quality system, validated row by row, imported whole.

kpi_csv_check() reads and validates without writing; kpi_csv_import() checks the same content again
and writes it in one transaction only when every row is valid. The file travels between the two in
the uploader's session, never trusted: the confirm step validates it again against the uploader's
scope at that moment.
"""

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from goals.models import KpiMeasurement, Metric
from people.models import Employee

COLUMNS = ("employee_number", "metric", "period_end", "value")
DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y")
MAX_ROWS = 20_000


@dataclass
class Row:
    line: int
    employee_number: str
    metric_text: str
    period_end_text: str
    value_text: str
    employee: Employee | None = None
    metric: Metric | None = None
    period_end: date | None = None
    value: Decimal | None = None
    errors: list[str] = field(default_factory=list)


@dataclass
class KpiCheck:
    """The outcome of reading a file: file-level errors, or rows each with their own errors."""

    file_errors: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)

    @property
    def error_rows(self):
        return [row for row in self.rows if row.errors]

    @property
    def is_valid(self):
        return not self.file_errors and bool(self.rows) and not self.error_rows


def decode(content: bytes) -> str:
    """The file's text. UTF-8, with or without a byte-order mark; anything else is a UnicodeError."""
    return content.decode("utf-8-sig")


def _parse_number(text):
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "").removesuffix("%")
    if "," in cleaned and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")  # a decimal comma, as Nordic spreadsheets write it
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        return None
    if not number.is_finite() or abs(number) >= Decimal("1e10"):
        return None
    return number.quantize(Decimal("0.01"))


def _parse_date(text):
    for date_format in DATE_FORMATS:
        try:
            return datetime.strptime(text.strip(), date_format).date()
        except ValueError:
            continue
    return None


def _reader(text):
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return csv.reader(io.StringIO(text), dialect)


def kpi_csv_check(*, text: str, user) -> KpiCheck:
    """Validate every row of `text` for `user`: unknown employee or metric, bad number or date,
    an employee outside what `user` may edit (leader: their team; HR: everyone), or the same
    employee, metric and period twice in the file. Writes nothing; four queries whatever the size."""
    check = KpiCheck()
    lines = list(_reader(text))
    lines = [line for line in lines if any(cell.strip() for cell in line)]
    if not lines:
        check.file_errors.append(_("The file is empty."))
        return check
    header = [cell.strip().lower() for cell in lines[0]]
    missing = [column for column in COLUMNS if column not in header]
    if missing:
        check.file_errors.append(
            _("Missing columns: %(columns)s. The first line must name the columns %(expected)s.")
            % {"columns": ", ".join(missing), "expected": ", ".join(COLUMNS)}
        )
        return check
    if len(lines) - 1 > MAX_ROWS:
        check.file_errors.append(_("The file has more than %(count)s rows.") % {"count": MAX_ROWS})
        return check
    position = {column: header.index(column) for column in COLUMNS}
    for number, cells in enumerate(lines[1:], start=2):
        cells = cells + [""] * (len(header) - len(cells))
        check.rows.append(
            Row(
                line=number,
                employee_number=cells[position["employee_number"]].strip(),
                metric_text=cells[position["metric"]].strip(),
                period_end_text=cells[position["period_end"]].strip(),
                value_text=cells[position["value"]].strip(),
            )
        )
    if not check.rows:
        check.file_errors.append(_("The file has a header but no rows."))
        return check
    _resolve(check.rows, user)
    return check


def _resolve(rows, user):
    numbers = {row.employee_number for row in rows}
    employees = {
        e.employee_number: e
        for e in Employee.objects.filter(employee_number__in=numbers).select_related("user")
    }
    editable = set(
        Employee.objects.visible_to(user, for_edit=True)
        .filter(employee_number__in=numbers)
        .values_list("pk", flat=True)
    )
    metrics = {}
    for metric in Metric.objects.filter(is_active=True):
        metrics[metric.code.lower()] = metric
        for language, _language_name in settings.LANGUAGES:  # a column may carry its name in any language
            if name := getattr(metric, f"name_{language}"):
                metrics[name.lower()] = metric
    seen = {}
    for row in rows:
        row.employee = employees.get(row.employee_number)
        if not row.employee_number:
            row.errors.append(_("The employee number is missing."))
        elif row.employee is None:
            row.errors.append(_("Unknown employee number %(number)s.") % {"number": row.employee_number})
        elif row.employee.pk not in editable:
            row.errors.append(
                _("%(name)s (%(number)s) is out of your scope.")
                % {"name": row.employee, "number": row.employee_number}
            )
        row.metric = metrics.get(row.metric_text.lower())
        if row.metric is None:
            row.errors.append(_("Unknown metric “%(metric)s”.") % {"metric": row.metric_text})
        row.period_end = _parse_date(row.period_end_text)
        if row.period_end is None:
            row.errors.append(
                _("“%(date)s” is not a date; write it as YYYY-MM-DD.") % {"date": row.period_end_text}
            )
        row.value = _parse_number(row.value_text)
        if row.value is None:
            row.errors.append(_("“%(value)s” is not a number.") % {"value": row.value_text})
        if row.employee and row.metric and row.period_end:
            key = (row.employee.pk, row.metric.pk, row.period_end)
            if key in seen:
                row.errors.append(
                    _("The same employee, metric and period end is already on line %(line)s.")
                    % {"line": seen[key]}
                )
            else:
                seen[key] = row.line


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int


@transaction.atomic
def kpi_csv_import(*, text: str, user) -> tuple[KpiCheck, ImportResult | None]:
    """Validate `text` again for `user` and, only if every row is valid, write all rows in one
    transaction. A row for an employee, metric and period end already stored replaces its value,
    so importing the same file twice changes nothing. Returns the check and the counts (None when
    nothing was written)."""
    check = kpi_csv_check(text=text, user=user)
    if not check.is_valid:
        return check, None
    rows = check.rows
    existing = {}
    condition = Q(
        employee_id__in={r.employee.pk for r in rows},
        metric_id__in={r.metric.pk for r in rows},
        period_end__in={r.period_end for r in rows},
    )
    for employee_id, metric_id, period_end, value in KpiMeasurement.objects.filter(condition).values_list(
        "employee_id", "metric_id", "period_end", "value"
    ):
        existing[(employee_id, metric_id, period_end)] = value
    now = timezone.now()
    changed, created, updated = [], 0, 0
    for row in rows:
        key = (row.employee.pk, row.metric.pk, row.period_end)
        if key in existing and existing[key] == row.value:
            continue
        if key in existing:
            updated += 1
        else:
            created += 1
        changed.append(
            KpiMeasurement(
                employee=row.employee,
                metric=row.metric,
                period_end=row.period_end,
                value=row.value,
                imported_at=now,
                imported_by=user if user.is_authenticated else None,
            )
        )
    KpiMeasurement.objects.bulk_create(
        changed,
        batch_size=1000,
        update_conflicts=True,
        unique_fields=["employee", "metric", "period_end"],
        update_fields=["value", "imported_at", "imported_by"],
    )
    return check, ImportResult(created=created, updated=updated, unchanged=len(rows) - created - updated)
