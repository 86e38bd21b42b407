"""A mandatory training that runs out within 30 days: to the person and to their team leader, each when
their shift starts in their site's time zone, 30 days before its last valid day. Once per completion:
renewing it records a new completion, whose own expiry is the next occurrence."""

import datetime

from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from onboarding.models import TrainingCompletion
from onboarding.trainings import EXPIRING_WITHIN, applies, local_dates, requirements_in_force
from people.models import still_employed
from reminders.rule import Due, ReminderKind, local_today, shift_start

WINDOW = datetime.timedelta(days=EXPIRING_WITHIN)


def _latest(completions):
    """Completions no later one of the same person and training outlasts."""
    later = TrainingCompletion.objects.filter(
        employee=OuterRef("employee"),
        requirement=OuterRef("requirement"),
        valid_until__gt=OuterRef("valid_until"),
    )
    return completions.filter(~Exists(later))


def expiring_completions(now: datetime.datetime, employees=None):
    """The latest completions of active people, of trainings in force that apply to them, whose last
    valid day is within EXPIRING_WITHIN days of their local date (or a day around it: callers check
    each against the person's own date)."""
    dates = local_dates(now).values()
    requirements = requirements_in_force()
    applicable = Q(pk__in=[])
    for requirement in requirements:
        applicable |= Q(requirement_id=requirement.pk) & applies(requirement, prefix="employee__")
    # Everyone active: tested on the joined employee (a second scan of everyone costs more than the rest).
    people = (
        still_employed(min(dates), employee="employee__")
        if employees is None
        else Q(employee__in=employees.values("pk"))
    )
    return _latest(
        TrainingCompletion.objects.filter(
            applicable,
            people,
            valid_until__gte=min(dates),
            valid_until__lte=max(dates) + WINDOW,
        )
    )


class TrainingExpiring(ReminderKind):
    key = "training_expiring"
    label = _("Training expiring")

    compliance = True  # may move into the daily digest, never be switched off

    def due(self, now):
        # Once per completion and person: its occurrence (the last valid day) never changes.
        rows = (
            expiring_completions(now)
            .annotate(
                employee_reminded=self.recorded(recipient_id="employee_id"),
                leader_reminded=self.recorded(recipient_id="employee__team__leader_id"),
            )
            .exclude(
                Q(employee_reminded=True)
                & (
                    Q(leader_reminded=True)
                    | Q(employee__team__leader=None)
                    | Q(employee__team__leader=F("employee"))
                )
            )
            .order_by()
            .values_list(
                "pk",
                "valid_until",
                "employee_id",
                "employee_reminded",
                "employee__site__time_zone",
                "employee__shift",
                "employee__team__leader_id",
                "leader_reminded",
                "employee__team__leader__site__time_zone",
                "employee__team__leader__shift",
                named=True,
            )
        )
        due = []
        for row in rows:
            zone = row.employee__site__time_zone
            occurrence = shift_start(row.valid_until, zone, "day")  # the same for both recipients
            reminded_on = row.valid_until - WINDOW
            if not row.employee_reminded:
                due.append(
                    Due(
                        row.pk,
                        row.employee_id,
                        occurrence,
                        shift_start(reminded_on, zone, row.employee__shift),
                    )
                )
            leader_id = row.employee__team__leader_id
            if leader_id and leader_id != row.employee_id and not row.leader_reminded:
                leader_zone, leader_shift = (
                    row.employee__team__leader__site__time_zone,
                    row.employee__team__leader__shift,
                )
                due.append(
                    Due(row.pk, leader_id, occurrence, shift_start(reminded_on, leader_zone, leader_shift))
                )
        return due

    def still_applies(self, reminder, now):
        """Still the latest completion, not yet run out on the person's date, the person still here."""
        completion = (
            _latest(TrainingCompletion.objects.filter(pk=reminder.object_id, requirement__is_active=True))
            .select_related("employee__user", "employee__site", "requirement")
            .first()
        )
        if completion is None or completion.employee.has_ended(local_today(completion.employee, now)):
            return None
        if completion.valid_until < local_today(completion.employee, now):
            return None
        return completion

    def url(self, reminder):
        employee_id = (
            TrainingCompletion.objects.filter(pk=reminder.object_id)
            .order_by()
            .values_list("employee_id", flat=True)
            .first()
        )
        if employee_id == reminder.recipient_id:
            return reverse("onboarding:my_trainings")
        return reverse("onboarding:person_trainings", args=[employee_id])


kind = TrainingExpiring()
