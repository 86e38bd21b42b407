"""Status per person and requirement (valid, expiring, expired, due within the grace period, never
done), who a requirement applies to, and the compliance share of teams and sites, all from SQL."""

import datetime
import zoneinfo

import pytest
from django.utils import timezone

from onboarding.trainings import (
    Status,
    add_months,
    compliance_by,
    person_rows,
    requirements_in_force,
    with_status,
)
from people.models import Employee, Role, Site
from tests.factories import AgentFactory, SiteFactory, TeamFactory
from tests.onboarding.training_helpers import completed, expiring_in, only

pytestmark = pytest.mark.clock


def statuses(employees, now=None):
    requirements = requirements_in_force()
    rows = person_rows(
        with_status(employees, requirements, now or timezone.now()).order_by("pk"), requirements
    )
    return {
        (row.employee.user.username, cell.requirement.code): cell.status for row in rows for cell in row.cells
    }


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        ((2026, 1, 31), 1, (2026, 2, 28)),
        ((2028, 1, 31), 1, (2028, 2, 29)),
        ((2026, 2, 28), 12, (2027, 2, 28)),
        ((2028, 2, 29), 12, (2029, 2, 28)),
        ((2026, 11, 30), 3, (2027, 2, 28)),
        ((2026, 5, 15), 24, (2028, 5, 15)),
    ],
)
def test_validity_is_counted_in_calendar_months_safe_at_the_end_of_a_month(day, months, expected):
    assert add_months(datetime.date(*day), months) == datetime.date(*expected)


def test_each_status_follows_the_latest_completion(cast):
    only("aml")
    completed(cast.agent, days_ago=100)  # valid for most of a year yet
    expiring_in(cast.teammate, days=0)  # its last valid day is today
    expiring_in(cast.other_agent, days=-1)
    completed(cast.other_agent, days_ago=800)  # an older one changes nothing
    Employee.objects.filter(pk=cast.far_agent.pk).update(started_on=timezone.localdate())
    agents = Employee.objects.filter(role=Role.AGENT).select_related("user")

    assert statuses(agents) == {
        ("agent", "aml"): Status.VALID,
        ("teammate", "aml"): Status.EXPIRING,
        ("other_agent", "aml"): Status.EXPIRED,
        ("far_agent", "aml"): Status.DUE,  # started today: inside the 30 days of grace
    }


def test_never_done_after_the_grace_period_and_the_due_date_of_a_newcomer(cast):
    only("aml")
    today = timezone.localdate()
    Employee.objects.filter(pk=cast.agent.pk).update(started_on=today - datetime.timedelta(days=30))
    Employee.objects.filter(pk=cast.teammate.pk).update(started_on=today - datetime.timedelta(days=31))
    team = Employee.objects.filter(pk__in=[cast.agent.pk, cast.teammate.pk]).select_related("user")
    requirements = requirements_in_force()

    rows = person_rows(with_status(team, requirements, timezone.now()).order_by("pk"), requirements)

    assert [(row.cells[0].status, row.cells[0].due_by) for row in rows] == [
        (Status.DUE, today),  # the last day of the grace period is today
        (Status.MISSING, today - datetime.timedelta(days=1)),
    ]


def test_a_requirement_applies_to_the_roles_and_sites_it_names(cast):
    aml, complaints = only("aml", "complaints")  # complaints: agents and leaders only
    aml.sites.set([cast.other_site])
    people = Employee.objects.filter(pk__in=[cast.agent.pk, cast.far_agent.pk, cast.hr.pk]).select_related(
        "user"
    )

    assert statuses(people) == {
        ("agent", "aml"): "",
        ("agent", "complaints"): Status.MISSING,
        ("far_agent", "aml"): Status.MISSING,
        ("far_agent", "complaints"): Status.MISSING,
        ("hr", "aml"): "",
        ("hr", "complaints"): "",
    }


def test_status_is_read_on_the_persons_own_local_date(db):
    only("aml")
    helsinki = SiteFactory(name="Helsinki", country="FI", time_zone=Site.TimeZone.HELSINKI)
    stockholm = SiteFactory(name="Stockholm", country="SE", time_zone=Site.TimeZone.STOCKHOLM)
    # 23:30 in Stockholm on 30 June is already 00:30 on 1 July in Helsinki.
    now = datetime.datetime(2026, 6, 30, 21, 30, tzinfo=datetime.UTC)
    until = datetime.date(2026, 6, 30)
    finn = AgentFactory(
        team=TeamFactory(site=helsinki), user__username="finn", started_on=datetime.date(2020, 1, 1)
    )
    swede = AgentFactory(
        team=TeamFactory(site=stockholm), user__username="swede", started_on=datetime.date(2020, 1, 1)
    )
    for person in (finn, swede):
        completed(person, on=datetime.date(2025, 6, 30), valid_until=until)

    assert statuses(Employee.objects.filter(pk__in=[finn.pk, swede.pk]).select_related("user"), now) == {
        ("finn", "aml"): Status.EXPIRED,
        ("swede", "aml"): Status.EXPIRING,
    }
    assert now.astimezone(zoneinfo.ZoneInfo("Europe/Helsinki")).date() == datetime.date(2026, 7, 1)


def test_compliance_per_team_counts_every_applicable_pair(cast):
    only("aml", "gdpr")
    completed(cast.agent, "aml", days_ago=10)
    completed(cast.agent, "gdpr", days_ago=10)
    expiring_in(cast.teammate, "aml", days=5)
    expiring_in(cast.teammate, "gdpr", days=-5)
    Employee.objects.filter(pk=cast.other_agent.pk).update(started_on=timezone.localdate())
    completed(cast.other_agent, "aml", days_ago=0)
    people = Employee.objects.filter(
        pk__in=[cast.agent.pk, cast.teammate.pk, cast.other_agent.pk, cast.far_agent.pk]
    )

    by_team = compliance_by(people, requirements_in_force(), timezone.now(), group="team")

    cards, loans, savings = by_team[cast.team.pk], by_team[cast.other_team.pk], by_team[cast.far_team.pk]
    assert (cards.people, cards.applicable, cards.compliant, cards.percent) == (2, 4, 3, 75)
    assert (cards.valid, cards.expiring, cards.expired, cards.due, cards.missing) == (2, 1, 1, 0, 0)
    assert (loans.valid, loans.due, loans.percent) == (1, 1, 100)
    assert (savings.missing, savings.percent) == (2, 0)
    by_site = compliance_by(people, requirements_in_force(), timezone.now(), group="site")
    assert (by_site[cast.site.pk].compliant, by_site[cast.site.pk].applicable) == (5, 6)
