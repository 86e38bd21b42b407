"""Report figures stored by the worker: every viewer reads from them exactly the table that counting
live gives them (HR, a site manager, a head of several sites; summary, one site, one team; people who
left, someone at another site than their team's, groups of 4, 5 and 6), the page says as of when, and
old or uncovered figures are counted live."""

import datetime
from decimal import Decimal

import pytest
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone, translation

from dashboards.figures import STORED_MONTHS, report_figures, report_figures_refresh, shared_zone
from dashboards.models import ReportFigures, ReportRefresh
from dashboards.reports import REPORTS, Period, formatted, months_back
from dashboards.tasks import report_figures_refresh_task
from goals.models import Goal
from onboarding.models import Onboarding
from people.models import Employee, Role, Site
from tests.dashboards.builders import history
from tests.factories import AgentFactory, EmployeeFactory, SiteFactory, TeamFactory
from tests.goals.factories import GoalFactory
from tests.onboarding.factories import OnboardingFactory
from tests.onboarding.training_helpers import completed
from tests.races import race, racing

pytestmark = pytest.mark.clock


@pytest.fixture
def organisation(cast):
    """Teams of 4, 5 and 6 at a third site, people who left during the period, and an agent of the
    Uppsala team Cards who is on the Oslo site's books; each with a year of conversations, a goal
    decided, an onboarding completed and trainings done at various dates."""
    malmo = SiteFactory(name="Malmö", country="SE", time_zone=Site.TimeZone.STOCKHOLM)
    people = []
    for size in (4, 5, 6):
        people += AgentFactory.create_batch(size, team=TeamFactory(site=malmo))
    people += AgentFactory.create_batch(5, team=cast.team)
    people += AgentFactory.create_batch(4, team=cast.far_team)
    today = timezone.localdate()
    for person in people[::4]:
        person.ended_on = today - datetime.timedelta(days=40)
        person.save(update_fields=["ended_on"])
    people.append(AgentFactory(team=cast.team, site=cast.other_site))
    people += [cast.agent, cast.teammate, cast.other_agent, cast.far_agent]
    history(people, years=1)
    for index, person in enumerate(people):
        status = (Goal.Status.ACHIEVED, Goal.Status.NOT_ACHIEVED, Goal.Status.DROPPED)[index % 3]
        due = today - datetime.timedelta(days=20 * index)
        GoalFactory(employee=person, status=status, starts_on=due - datetime.timedelta(days=90), due_on=due)
        OnboardingFactory(
            employee=person,
            status=Onboarding.Status.COMPLETED,
            starts_on=today - datetime.timedelta(days=60 + index),
            completed_at=timezone.now() - datetime.timedelta(days=index),
        )
        completed(person, "aml", days_ago=30 * index)
        if index % 2:
            completed(person, "gdpr", days_ago=400)
    head = EmployeeFactory(role=Role.MANAGER, title="Head of customer service", site=cast.site)
    head.managed_sites.set([cast.other_site, malmo])
    return malmo, head


def tables(client, key, params):
    """The report page's rows (team, site, cells) and totals, and when its figures were counted."""
    response = client.get(reverse("dashboards:report_detail", args=[key]), params)
    assert response.status_code == 200

    def row(row):
        cells = [None if cell is None else (cell.people, cell.sums) for cell in row.cells]
        return (row.team and row.team.pk, row.site and row.site.pk, cells)

    table = response.context["table"]
    return [row(each) for each in table.rows] + [row(table.totals)], response.context["as_of"]


def viewers(cast, malmo, head):
    period = {"start": months_back(timezone.localdate(), 11).isoformat()}
    return [
        (cast.hr, {}),
        (cast.hr, {"site": malmo.pk}),
        (cast.hr, {"team": cast.team.pk, **period}),
        (cast.manager, period),
        (cast.manager, {"team": cast.team.pk}),
        (cast.other_manager, {}),
        (head, period),
        (head, {"site": cast.other_site.pk}),
    ]


@pytest.mark.parametrize("key", list(REPORTS))
def test_stored_figures_give_each_viewer_the_table_counted_live(client, cast, organisation, key):
    malmo, head = organisation
    live = {}
    for viewer, params in viewers(cast, malmo, head):
        client.force_login(viewer.user)
        live[(viewer.pk, str(params))], as_of = tables(client, key, params)
        assert as_of is None
    assert any(len(rows) > 2 for rows in live.values())

    report_figures_refresh(now=timezone.now())

    for viewer, params in viewers(cast, malmo, head):
        client.force_login(viewer.user)
        rows, as_of = tables(client, key, params)
        assert rows == live[(viewer.pk, str(params))], (viewer, params)
        # Stored, unless nothing of the viewer's is stored for the period (then counted live: empty).
        _team, _site, totals = rows[-1]
        assert as_of is not None or not any(totals)


def test_a_manager_reads_only_the_stored_figures_of_people_still_employed_at_their_sites(cast, organisation):
    period = Period.covering(months_back(timezone.localdate(), 2), timezone.localdate())
    teams = {cast.far_team.pk: cast.other_site.pk, cast.team.pk: cast.site.pk}

    def people(viewer):
        """Per site and team (or "Other teams"), the people counted per month, and as of when."""
        figures = report_figures(
            REPORTS["coverage"],
            employees=Employee.objects.visible_to(viewer.user).filter(team__in=teams),
            period=period,
            now=timezone.now(),
            team_sites=teams,
        )
        counted = {
            (site, team): [cell and cell.people for cell in cells]
            for site, groups in figures.groups.items()
            for team, cells in [*groups.teams.items(), ("other", groups.other())]
        }
        return counted, figures.as_of

    live, as_of = people(cast.other_manager)
    assert as_of is None and live
    report_figures_refresh(now=timezone.now())
    stored, as_of = people(cast.other_manager)
    assert as_of is not None
    assert stored == live
    everyone, _as_of = people(cast.hr)
    assert everyone != stored  # HR's figures also count those who left, and Cards' Uppsala people


def test_figures_older_than_twice_the_refresh_interval_are_counted_live(client, cast, organisation, settings):
    report_figures_refresh(
        now=timezone.now() - datetime.timedelta(minutes=2 * settings.REPORT_REFRESH_MINUTES + 1)
    )
    client.force_login(cast.hr.user)
    _rows, as_of = tables(client, "coverage", {})
    assert as_of is None


def test_a_period_before_the_stored_months_is_counted_live(client, cast, organisation):
    report_figures_refresh(now=timezone.now())
    start = months_back(timezone.localdate(), STORED_MONTHS)
    client.force_login(cast.hr.user)
    _rows, as_of = tables(client, "coverage", {"start": start.isoformat(), "end": start.isoformat()})
    assert as_of is None
    _rows, as_of = tables(client, "coverage", {})
    assert as_of is not None


def test_the_page_says_as_of_when_in_the_readers_language(client, cast, organisation):
    report_figures_refresh(now=timezone.now())
    cast.hr.language = "sv"
    cast.hr.save(update_fields=["language"])
    client.force_login(cast.hr.user)
    response = client.get(reverse("dashboards:report_detail", args=["wellbeing"]))
    assert 'id="report-as-of"' in response.content.decode()
    assert "räknas om med 15 minuters mellanrum" in response.content.decode()


def test_a_refresh_replaces_the_figures_and_counts_what_happened_since(client, cast, organisation):
    malmo, _head = organisation
    report_figures_refresh(now=timezone.now())
    stored = ReportFigures.objects.count()
    client.force_login(cast.hr.user)
    before, _as_of = tables(client, "coverage", {"site": malmo.pk})
    largest, smallest = malmo.teams.annotate(people=Count("members")).order_by("-people", "pk")[::2]
    mover = largest.members.filter(ended_on__isnull=True).first()
    mover.team = smallest
    mover.save(update_fields=["team"])  # people count in their current team, in every month
    assert tables(client, "coverage", {"site": malmo.pk})[0] == before  # as of the refresh

    report_figures_refresh(now=timezone.now())

    assert ReportFigures.objects.count() < 2 * stored  # replaced, not added to
    parts = ReportFigures.objects.values("refresh", "team", "site", "has_left", "month")
    assert not parts.annotate(rows=Count("pk")).filter(rows__gt=1).exists()
    assert tables(client, "coverage", {"site": malmo.pk})[0] != before


def test_a_viewer_in_another_time_zone_reads_figures_counted_on_their_sites_wall_clock(client, cast):
    helsinki = SiteFactory(name="Helsinki", country="FI", time_zone=Site.TimeZone.HELSINKI)
    hr = EmployeeFactory(role=Role.HR, site=helsinki)
    team = TeamFactory(site=helsinki)
    history(AgentFactory.create_batch(5, team=team), years=1)
    live, _as_of = tables(_logged_in(client, hr), "wellbeing", {})

    report_figures_refresh(now=timezone.now())

    zones = set(ReportRefresh.objects.values_list("time_zone", flat=True))
    assert zones == {"Europe/Helsinki", "Europe/Copenhagen"}  # Copenhagen's months are Oslo's and Stockholm's
    rows, as_of = tables(client, "wellbeing", {})
    assert as_of is not None
    assert rows == live


def _logged_in(client, employee):
    client.force_login(employee.user)
    return client


def test_the_worker_task_refreshes_every_report_in_every_zone(cast, settings):
    assert "report-figures-refresh" in settings.CELERY_BEAT_SCHEDULE
    assert report_figures_refresh_task() == len(REPORTS)  # Stockholm and Oslo share one count


@racing[0]
@racing[1]
def test_two_refreshes_at_once_leave_one_set_of_figures(organisation):
    report_figures_refresh(now=timezone.now())
    once = ReportFigures.objects.count()

    refreshed = race(*[lambda: report_figures_refresh(now=timezone.now())] * 2)

    assert sum(refreshed) >= len(REPORTS)  # each report by one of them at least
    assert ReportFigures.objects.count() == once
    assert ReportRefresh.objects.count() == len(REPORTS)  # Stockholm and Oslo share one count


def test_numbers_are_written_as_the_readers_language_writes_them_whatever_was_written_before():
    with translation.override("en"):
        assert (formatted(4), formatted(Decimal("4.0")), formatted(12345)) == ("4", "4.0", "12,345")
    with translation.override("sv"):
        assert formatted(4) == "4"
        assert formatted(Decimal("4.0")) == "4,0"
        assert formatted(12345).replace("\xa0", " ") == "12 345"


def test_zones_whose_months_begin_at_the_same_instants_share_one_count():
    today = timezone.localdate()
    assert {
        shared_zone(zone, today) for zone in ("Europe/Oslo", "Europe/Stockholm", "Europe/Copenhagen")
    } == {"Europe/Copenhagen"}
    assert shared_zone("Europe/Helsinki", today) == "Europe/Helsinki"
