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

import hashlib
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from goals.models import KpiImport, KpiImportRow, KpiMeasurement, Metric
from people.csv_files import (
    by_code_or_name,
    decode,
    employees_by_number,
    parse_date,
    read_lines,
    resolve_employee,
    skipped,
)
from people.models import Employee

COLUMNS = ("employee_number", "metric", "period_end", "value")
MAX_CELL = 100  # the longest text kept per cell (KpiImportRow's fields)
# Rounded to cents, the value must fit the measurement's DecimalField(max_digits=12, decimal_places=2).
LARGEST_VALUE = Decimal("9999999999.99")


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


def read_rows(text: str) -> list[KpiImportRow]:
    """Unsaved rows for every line after the header, each with its own format errors. Raises
    ValidationError for what makes the whole file unusable (empty, columns missing, too long)."""
    rows = []
    for line, values, errors in read_lines(text, columns=COLUMNS, max_cell=MAX_CELL):
        row = KpiImportRow(line=line, errors=errors)
        rows.append(row)
        if values is None:
            continue
        row.employee_number = values["employee_number"]
        row.metric_text = values["metric"]
        row.period_end_text = values["period_end"]
        row.value_text = values["value"]
        row.period_end = parse_date(row.period_end_text)
        if row.period_end is None:
            row.errors.append(["date", {"date": row.period_end_text}])
        row.value, error = _parse_number(row.value_text)
        if error:
            row.errors.append([error, {"value": row.value_text}])
    return rows


def _resolve(rows, user):
    """Employees (only those `user` may edit: everyone else is "unknown") and metrics; two queries."""
    employees = employees_by_number(user, {row.employee_number for row in rows})
    metrics = by_code_or_name(Metric.objects.filter(is_active=True))
    seen = {}
    for row in rows:
        if skipped(row):
            continue
        resolve_employee(row, employees)
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
