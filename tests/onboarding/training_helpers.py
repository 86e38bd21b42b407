"""Training records for tests, written straight to the database (the service is tested on its own)."""

import datetime

from django.utils import timezone

from onboarding.models import TrainingCompletion, TrainingRequirement
from onboarding.trainings import add_months


def requirement(code="aml"):
    """One of the requirements the data migration seeds (aml, gdpr, infosec, complaints)."""
    return TrainingRequirement.objects.get(code=code)


def only(*codes):
    """Keep only the requirements `codes` in force; returns them in that order."""
    TrainingRequirement.objects.exclude(code__in=codes).update(is_active=False)
    return [requirement(code) for code in codes]


def completed(employee, code="aml", *, on=None, days_ago=None, valid_until=None, evidence=""):
    training = requirement(code)
    if on is None:
        on = timezone.localdate() - datetime.timedelta(days=days_ago or 0)
    return TrainingCompletion.objects.create(
        employee=employee,
        requirement=training,
        completed_on=on,
        valid_until=valid_until or add_months(on, training.validity_months),
        evidence=evidence,
        recorded_at=timezone.now(),
    )


def expiring_in(employee, code="aml", *, days):
    """A completion valid for `days` more days (0: its last valid day is today)."""
    until = timezone.localdate() + datetime.timedelta(days=days)
    return completed(employee, code, on=until - datetime.timedelta(days=365), valid_until=until)
