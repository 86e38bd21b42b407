import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from goals.models import (
    Acknowledgement,
    CheckIn,
    Expectation,
    ExpectationVersion,
    Goal,
    KpiMeasurement,
    Metric,
)
from tests.factories import EmployeeFactory

TODAY = datetime.date(2026, 3, 15)


def metric(code="fcr"):
    """One of the metrics seeded by the data migration."""
    return Metric.objects.get(code=code)


class GoalFactory(factory.django.DjangoModelFactory):
    """An agreed KPI goal on first-contact resolution from 60 % to 80 % during the first half of 2026."""

    class Meta:
        model = Goal

    employee = factory.SubFactory(EmployeeFactory)
    kind = Goal.Kind.KPI
    title = "Solve more cases in the first contact"
    why_it_matters = "Customers should not have to call twice."
    metric = factory.LazyFunction(metric)
    baseline = Decimal("60")
    target = Decimal("80")
    starts_on = datetime.date(2026, 1, 1)
    due_on = datetime.date(2026, 6, 30)
    status = Goal.Status.AGREED
    employee_agreed_at = factory.LazyFunction(timezone.now)
    leader_agreed_at = factory.LazyFunction(timezone.now)


class CheckInFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CheckIn

    goal = factory.SubFactory(GoalFactory)
    checked_on = TODAY
    value = Decimal("70")


class KpiMeasurementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KpiMeasurement

    employee = factory.SubFactory(EmployeeFactory)
    metric = factory.LazyFunction(metric)
    period_end = datetime.date(2026, 2, 28)
    value = Decimal("70")


def make_expectation(
    *,
    scope=Expectation.Scope.TEAM,
    team=None,
    site=None,
    title="Answer within a day",
    text="We answer every e-mail within one working day.",
    author=None,
):
    """An expectation with its first version, as the service would write it."""
    expectation = Expectation.objects.create(
        scope=scope, team=team, site=site, title=title, text=text, created_by=author
    )
    version = ExpectationVersion.objects.create(
        expectation=expectation, number=1, title=title, text=text, created_by=author
    )
    expectation.current_version = version
    expectation.save(update_fields=["current_version"])
    return expectation


def acknowledge(employee, expectation, comment=""):
    return Acknowledgement.objects.create(
        employee=employee, version=expectation.current_version, comment=comment
    )
