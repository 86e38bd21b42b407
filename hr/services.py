"""HR's state changes: the access log, legal holds, erasure and the retention sweep."""

import calendar
import datetime

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django.utils.translation import gettext as _

from coaching.models import ActionItem, AgendaItem, Conversation, GuidingAnswer, PrivateNote
from goals.models import Acknowledgement, CheckIn, Goal
from hr.models import AccessLogEntry, Erasure, LegalHold, PrivacySettings
from people.auth import client_ip_address
from people.models import Employee, PositionChange
from reminders.models import Reminder


def access_log_record(sender, *, request, subject_id, what, **kwargs):
    """The receiver of people.access_log.personal_data_viewed: one insert per page."""
    AccessLogEntry.objects.create(
        viewer=request.user if request.user.is_authenticated else None,
        subject_id=subject_id,
        what=what,
        ip_address=client_ip_address(request) or None,
    )


def access_log_purge(*, now: datetime.datetime | None = None) -> int:
    """Delete the access-log rows older than ACCESS_LOG_RETENTION_DAYS; the number deleted."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=settings.ACCESS_LOG_RETENTION_DAYS)
    deleted, _ = AccessLogEntry.objects.filter(at__lt=cutoff).delete()
    return deleted


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` months earlier (the month's last day where it is shorter)."""
    return _add_months(day, -months)


def months_after(day: datetime.date, months: int) -> datetime.date:
    return _add_months(day, months)


def _add_months(day, months):
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return day.replace(year=year, month=month + 1, day=min(day.day, last))


def erasure_due_on(ended_on: datetime.date, retention_months: int) -> datetime.date:
    """The first day the retention sweep erases someone who ended on `ended_on`."""
    return months_after(ended_on, retention_months) + datetime.timedelta(days=1)


def not_erased_nor_held(employees):
    held = LegalHold.objects.active().values("employee_id")
    return employees.exclude(pk__in=Erasure.objects.values("employee_id")).exclude(pk__in=held)


def retention_due(today: datetime.date, retention_months: int):
    """People whose end date is more than the retention period ago, not erased yet, not on hold."""
    return not_erased_nor_held(Employee.objects.filter(ended_on__lt=months_before(today, retention_months)))


def anonymise(employee_ids: list[int]) -> None:
    """Erase the personal data (names, contact details, notes, comments, free text) of these people in
    a few set-based updates. Rows, dates, statuses and scores stay, so counts and averages do not change;
    the history tables' copies of the erased text go."""
    if not employee_ids:
        return
    people = Employee.objects.filter(pk__in=employee_ids)
    users = get_user_model().objects.filter(pk__in=people.values("user_id"))
    usernames = list(users.values_list("username", flat=True))
    for login_record in (AccessAttempt, AccessFailureLog, AccessLog):  # django-axes keeps usernames
        login_record.objects.filter(username__in=usernames).delete()
    users.update(
        username=Concat(Value("erased-"), Cast("pk", CharField())),
        first_name="",
        last_name="",
        email="",
        password="!erased",  # unusable: no login
        is_active=False,
    )
    people.update(
        employee_number=Concat(Value("ERASED-"), Cast("pk", CharField())),
        phone="",
        strengths="",
        development_areas="",
        motivation="",
        career_interests=[],
    )
    PositionChange.objects.filter(employee_id__in=employee_ids).update(note="")
    conversations = Conversation.objects.filter(employee_id__in=employee_ids)
    conversations.update(
        location="",
        shared_notes="",
        wins="",
        wellbeing_comment="",
        employee_comment="",
        interaction_reference="",
    )
    PrivateNote.objects.filter(conversation__in=conversations).delete()
    AgendaItem.objects.filter(conversation__in=conversations).update(text="")
    GuidingAnswer.objects.filter(conversation__in=conversations).update(answer="")
    ActionItem.objects.filter(employee_id__in=employee_ids).update(text="")
    goals = Goal.objects.filter(employee_id__in=employee_ids)
    goals.update(title="", description="", why_it_matters="", outcome_note="")
    CheckIn.objects.filter(goal__in=goals).update(comment="")
    Acknowledgement.objects.filter(employee_id__in=employee_ids).update(comment="")
    Reminder.objects.filter(recipient_id__in=employee_ids).update(subject="")
    Employee.history.filter(id__in=employee_ids).delete()
    Goal.history.filter(employee_id__in=employee_ids).delete()
    Conversation.history.filter(employee_id__in=employee_ids).delete()


RETENTION_BATCH = 500


def retention_sweep(*, today: datetime.date) -> int:
    """Anonymise everyone whose retention period has passed; the number erased. Safe to repeat: who is
    erased has an Erasure record and is not picked again; who is on legal hold is skipped."""
    months = PrivacySettings.current().retention_months
    erased = 0
    while True:
        with transaction.atomic():
            batch = list(
                retention_due(today, months)
                .order_by("pk")
                .select_for_update(skip_locked=True)
                .values_list("pk", flat=True)[:RETENTION_BATCH]
            )
            if not batch:
                return erased
            anonymise(batch)
            Erasure.objects.bulk_create(
                Erasure(employee_id=pk, reason=Erasure.Reason.RETENTION) for pk in batch
            )
        erased += len(batch)


def _locked(employee) -> Employee:
    return Employee.objects.select_for_update().get(pk=employee.pk)


def erase_on_request(*, employee, by) -> None:
    """HR erases a person's data on their request: the same anonymisation, and a record that it
    happened. Refused (ValidationError) for someone on legal hold or already erased."""
    with transaction.atomic():
        _locked(employee)
        if Erasure.objects.filter(employee=employee).exists():
            raise ValidationError(_("The data of this person have already been erased."))
        if LegalHold.objects.active().filter(employee=employee).exists():
            raise ValidationError(_("This person is on legal hold: lift the hold before erasing their data."))
        anonymise([employee.pk])
        Erasure.objects.create(employee=employee, reason=Erasure.Reason.REQUEST, requested_by=by)


def legal_hold_place(*, employee, reason: str, by) -> LegalHold:
    with transaction.atomic():
        _locked(employee)
        if Erasure.objects.filter(employee=employee).exists():
            raise ValidationError(_("The data of this person have already been erased."))
        if LegalHold.objects.active().filter(employee=employee).exists():
            raise ValidationError(_("This person is already on legal hold."))
        return LegalHold.objects.create(employee=employee, reason=reason, placed_by=by)


def legal_hold_lift(*, employee, reason: str, by) -> None:
    lifted = (
        LegalHold.objects.active()
        .filter(employee=employee)
        .update(lifted_at=timezone.now(), lifted_by=by, lift_reason=reason)
    )
    if not lifted:
        raise ValidationError(_("This person is not on legal hold."))
