"""Training completions imported from a CSV file (an LMS export), kept as an import record and
confirmed whole, like the KPI import (goals.kpi_import) and with the same file reading
(people.csv_files).

training_import_upload() reads and validates a file and stores it as a TrainingImport with one
TrainingImportRow per line: the preview is read from there. training_import_confirm() records the
completions once, only when every row is valid and still in the confirming user's scope; a completion
already recorded (the same person, training and date) is left as it is, so the same file twice creates
nothing new. training_import_discard() drops the rows. Both are guarded transitions out of "previewed".

The columns (see README): employee_number, training (its code, or its name in any language),
completed_on, and optionally evidence.
"""

import hashlib
import zoneinfo
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from onboarding.models import TrainingCompletion, TrainingImport, TrainingImportRow, TrainingRequirement
from onboarding.trainings import add_months
from people.csv_files import (
    FORMAT_ERRORS,
    by_code_or_name,
    decode,
    employees_by_number,
    parse_date,
    read_lines,
    resolve_employee,
    skipped,
)
from people.models import Employee

COLUMNS = ("employee_number", "training", "completed_on")
OPTIONAL = ("evidence",)
MAX_CELL = 300  # the evidence; the other cells are kept to their fields' lengths

ROW_ERRORS = {
    **FORMAT_ERRORS,
    "columns": gettext_lazy("The line has %(count)s cells but the header has %(expected)s."),
    "training_unknown": gettext_lazy("Unknown training “%(training)s”."),
    "future": gettext_lazy("The completion date %(date)s is in the future."),
    "duplicate": gettext_lazy("The same employee, training and date is already on line %(line)s."),
}


def error_messages(row: TrainingImportRow) -> list[str]:
    """A row's errors in the reader's language."""
    return [
        str(ROW_ERRORS[code]) % params if params else str(ROW_ERRORS[code]) for code, params in row.errors
    ]


def read_rows(text: str) -> list[TrainingImportRow]:
    """Unsaved rows for every line after the header, each with its own format errors. Raises
    ValidationError for what makes the whole file unusable (empty, columns missing, too long)."""
    rows = []
    for line, values, errors in read_lines(text, columns=COLUMNS, optional=OPTIONAL, max_cell=MAX_CELL):
        row = TrainingImportRow(line=line, errors=errors)
        rows.append(row)
        if values is None:
            continue
        row.employee_number = values["employee_number"][:100]
        row.requirement_text = values["training"][:150]
        row.completed_on_text = values["completed_on"][:100]
        row.evidence = values["evidence"]
        row.completed_on = parse_date(row.completed_on_text)
        if row.completed_on is None:
            row.errors.append(["date", {"date": row.completed_on_text}])
    return rows


def _resolve(rows, user, now):
    """Employees (only those `user` may edit), trainings and each person's local date; three queries."""
    employees = employees_by_number(user, {row.employee_number for row in rows})
    zones = dict(Employee.objects.filter(pk__in=employees.values()).values_list("pk", "site__time_zone"))
    trainings = by_code_or_name(TrainingRequirement.objects.filter(is_active=True))
    seen = {}
    for row in rows:
        if skipped(row):
            continue
        resolve_employee(row, employees)
        row.requirement_id = trainings.get(row.requirement_text.lower())
        if row.requirement_id is None:
            row.errors.append(["training_unknown", {"training": row.requirement_text}])
        if row.employee_id and row.completed_on:
            today = timezone.localdate(now, zoneinfo.ZoneInfo(zones[row.employee_id]))
            if row.completed_on > today:
                row.errors.append(["future", {"date": row.completed_on_text}])
        if row.employee_id and row.requirement_id and row.completed_on:
            key = (row.employee_id, row.requirement_id, row.completed_on)
            if key in seen:
                row.errors.append(["duplicate", {"line": seen[key]}])
            else:
                seen[key] = row.line


@transaction.atomic
def training_import_upload(*, content: bytes, file_name: str, user, now: datetime) -> TrainingImport:
    """Read `content` for `user` and keep it, with every row and its errors, as a previewed import.
    Records no completion. Raises ValidationError when the file as a whole cannot be read."""
    rows = read_rows(decode(content))
    _resolve(rows, user, now)
    for row in rows:
        row.has_errors = bool(row.errors)
    record = TrainingImport.objects.create(
        uploaded_by=user,
        uploaded_at=now,
        file_name=file_name[:255],
        checksum=hashlib.sha256(content).hexdigest(),
        row_count=len(rows),
        error_count=sum(row.has_errors for row in rows),
    )
    for row in rows:
        row.training_import = record
    TrainingImportRow.objects.bulk_create(rows, batch_size=2000)
    return record


@dataclass(frozen=True)
class ImportResult:
    created: int
    already_recorded: int


def training_import_confirm(*, training_import: TrainingImport, user, now: datetime) -> ImportResult:
    """Record the rows of a previewed, valid import as completions, all or none, and mark it imported.
    A completion already recorded for the person, training and date stays as it is. Raises
    ValidationError when the import is no longer previewed (a second click, another tab) or a row's
    person has left `user`'s scope since the preview: the rows are then recorded once."""
    with transaction.atomic():
        # The decision reads the import and all its rows: lock the import so a second confirm waits.
        locked = TrainingImport.objects.select_for_update().get(pk=training_import.pk)
        if locked.status != TrainingImport.Status.PREVIEWED:
            raise ValidationError(_("This file was already imported or discarded; nothing more was changed."))
        if not locked.is_valid:
            raise ValidationError(_("Nothing is imported until every row is valid."))
        rows = list(locked.rows.values_list("employee_id", "requirement_id", "completed_on", "evidence"))
        employee_ids = {row[0] for row in rows}
        in_scope = Employee.objects.visible_to(user, for_edit=True).filter(pk__in=employee_ids).count()
        if in_scope != len(employee_ids) or any(row[1] is None for row in rows):  # moved or deleted since
            raise ValidationError(_("Some people in this file are no longer in your scope. Upload it again."))
        validity = dict(TrainingRequirement.objects.values_list("pk", "validity_months"))
        existing = set(
            TrainingCompletion.objects.filter(
                employee_id__in=employee_ids,
                requirement_id__in={row[1] for row in rows},
                completed_on__in={row[2] for row in rows},
            ).values_list("employee_id", "requirement_id", "completed_on")
        )
        new = [
            TrainingCompletion(
                employee_id=employee_id,
                requirement_id=requirement_id,
                completed_on=completed_on,
                valid_until=add_months(completed_on, validity[requirement_id]),
                evidence=evidence,
                recorded_by=user,
                recorded_at=now,
                training_import=locked,
            )
            for employee_id, requirement_id, completed_on, evidence in rows
            if (employee_id, requirement_id, completed_on) not in existing
        ]
        # A completion recorded by hand since the preview loses nothing: the unique key keeps it.
        TrainingCompletion.objects.bulk_create(new, batch_size=1000, ignore_conflicts=True)
        locked.status = TrainingImport.Status.CONFIRMED
        locked.decided_at = now
        locked.created_count = len(new)
        locked.save(update_fields=["status", "decided_at", "created_count"])
        locked.rows.all().delete()  # they are completions now
    return ImportResult(created=len(new), already_recorded=len(rows) - len(new))


def training_import_discard(*, training_import: TrainingImport, now: datetime) -> bool:
    """Drop a previewed import and its rows. Safe to repeat: False when it was no longer previewed."""
    with transaction.atomic():
        discarded = TrainingImport.objects.filter(
            pk=training_import.pk, status=TrainingImport.Status.PREVIEWED
        ).update(status=TrainingImport.Status.DISCARDED, decided_at=now)
        if discarded:
            TrainingImportRow.objects.filter(training_import_id=training_import.pk).delete()
    return bool(discarded)
