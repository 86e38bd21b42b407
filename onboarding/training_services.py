"""Writes of the trainings half of the onboarding app: a completion recorded by a leader or HR.

CSV imports of completions are onboarding.training_import."""

import datetime
import zoneinfo

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from onboarding.models import TrainingCompletion, TrainingRequirement
from onboarding.trainings import add_months
from people.models import Employee


def future_date_error(employee: Employee, completed_on: datetime.date, now: datetime.datetime):
    """The message when `completed_on` is after today where `employee` works, else None."""
    today = timezone.localdate(now, zoneinfo.ZoneInfo(employee.site.time_zone))
    if completed_on > today:
        return _("The completion date cannot be in the future.")
    return None


DUPLICATE = gettext_lazy("This completion is already recorded for that person, training and date.")


def completion_record(
    *,
    employee: Employee,
    requirement: TrainingRequirement,
    completed_on: datetime.date,
    evidence: str = "",
    user,
    now: datetime.datetime,
) -> TrainingCompletion:
    """Record that `employee` completed `requirement` on `completed_on`, valid for the requirement's
    number of calendar months. The caller has checked that `user` may record it for `employee`.
    Raises ValidationError for a date in the future or a completion already recorded (the same
    person, training and date: a second click, another tab, a second person): it is recorded once."""
    if error := future_date_error(employee, completed_on, now):
        raise ValidationError(error, code="future")
    completion = TrainingCompletion(
        employee=employee,
        requirement=requirement,
        completed_on=completed_on,
        valid_until=add_months(completed_on, requirement.validity_months),
        evidence=evidence.strip(),
        recorded_by=user,
        recorded_at=now,
    )
    completion.full_clean(validate_unique=False, validate_constraints=False)
    try:
        # The unique constraint decides between two identical submissions at once; a savepoint keeps
        # a caller's transaction usable after the loser's failed insert.
        with transaction.atomic():
            completion.save()
    except IntegrityError:
        raise ValidationError(str(DUPLICATE), code="duplicate") from None
    return completion
