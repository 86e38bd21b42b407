"""A mandatory training that runs out within 30 days: to the person and to their team leader, at 08:00
in the person's site time zone, 30 days before its last valid day. Once per completion: renewing it
records a new completion, whose own expiry is the next occurrence."""

import datetime

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from onboarding.models import TrainingCompletion
from onboarding.trainings import EXPIRING_WITHIN, applies, local_dates, requirements_in_force
from people.models import Employee
from reminders.rule import Due, ReminderKind, local_morning, local_today

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
    people = Employee.objects.active(min(dates)) if employees is None else employees
    return _latest(
        TrainingCompletion.objects.filter(
            applicable,
            employee__in=people.values("pk"),
            valid_until__gte=min(dates),
            valid_until__lte=max(dates) + WINDOW,
        )
    )


class TrainingExpiring(ReminderKind):
    key = "training_expiring"
    label = _("Training expiring")

    def due(self, now):
        rows = expiring_completions(now).values_list(
            "pk", "employee_id", "employee__team__leader_id", "valid_until", "employee__site__time_zone"
        )
        due = []
        for pk, employee_id, leader_id, valid_until, zone in rows:
            occurrence = local_morning(valid_until, zone)
            due_at = local_morning(valid_until - WINDOW, zone)
            due += [Due(pk, employee_id, occurrence, due_at)]
            if leader_id and leader_id != employee_id:
                due += [Due(pk, leader_id, occurrence, due_at)]
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
            .values_list("employee_id", flat=True)
            .first()
        )
        if employee_id == reminder.recipient_id:
            return reverse("onboarding:my_trainings")
        return reverse("onboarding:person_trainings", args=[employee_id])


kind = TrainingExpiring()
