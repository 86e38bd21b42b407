"""The coverage page of managers and HR reads the worker's counts while they are recent, and they
are the figures a live count gives the same viewer."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from dashboards.models import StoredCoverage
from dashboards.stored_coverage import coverage_refresh
from dashboards.tasks import coverage_refresh_task
from tests.dashboards.builders import follow_up_rhythm, held
from tests.factories import AgentFactory, TeamFactory

COVERAGE = reverse("dashboards:coverage")

# Counts are of a day: they must be read on the day they were counted, wherever the clock stands.
pytestmark = pytest.mark.clock


def figures(response):
    lines = response.context.get("sites") or response.context["teams"]
    rows = {str(getattr(line, "site", None) or line.team): vars(line.coverage) for line in lines}
    return rows, vars(response.context["totals"])


@pytest.fixture
def followed(cast):
    """Rhythms in every state at both sites, a leader filed under their own team, a paused agent, an
    agent who has left and one who works at Oslo in an Uppsala team."""
    follow_up_rhythm(cast.agent)
    held(cast.agent, days_ago=4)
    follow_up_rhythm(cast.teammate)
    held(cast.teammate, days_ago=30)
    paused = AgentFactory(team=cast.team)
    follow_up_rhythm(paused, paused_on=timezone.localdate() - datetime.timedelta(days=3))
    follow_up_rhythm(cast.far_agent)
    held(cast.far_agent, days_ago=40)
    cast.leader.team = cast.team
    cast.leader.save()
    left = AgentFactory(team=cast.other_team)
    left.ended_on = timezone.localdate() - datetime.timedelta(days=1)
    left.save()
    AgentFactory(team=cast.team, site=cast.other_site)
    return cast


@pytest.mark.parametrize(
    ("viewer", "params"),
    [("hr", {}), ("hr", {"site": "site"}), ("hr", {"site": "other_site"}), ("manager", {}), ("head", {})],
)
def test_the_workers_counts_are_what_a_live_count_shows_the_same_viewer(client, followed, viewer, params):
    cast = followed
    if viewer == "head":
        cast.manager.managed_sites.add(cast.other_site)
        viewer = "manager"
    params = {name: getattr(cast, value).pk for name, value in params.items()}
    client.force_login(getattr(cast, viewer).user)
    live = client.get(COVERAGE, params)
    assert live.context["as_of"] is None

    coverage_refresh(now=timezone.now())
    stored = client.get(COVERAGE, params)

    assert stored.context["as_of"] is not None
    assert figures(stored) == figures(live)
    assert b'id="coverage-as-of"' in stored.content


def test_a_manager_adds_up_only_the_people_of_their_own_sites(client, followed):
    cast = followed
    coverage_refresh(now=timezone.now())
    client.force_login(cast.manager.user)
    response = client.get(COVERAGE)
    assert response.context["as_of"] is not None
    teams = {line.team: line.coverage for line in response.context["teams"]}
    # Cards has the agent, the teammate, the paused agent and the Oslo agent, who is not the
    # Uppsala manager's to see; Loans its one agent still employed.
    assert (teams[cast.team].members, teams[cast.team].paused) == (3, 1)
    assert teams[cast.other_team].members == 1
    assert cast.far_team not in teams
    assert client.get(COVERAGE, {"site": cast.other_site.pk}).status_code == 404


def test_counts_older_than_twice_the_refresh_interval_are_not_read(client, cast, settings):
    coverage_refresh(now=timezone.now() - datetime.timedelta(minutes=2 * settings.REPORT_REFRESH_MINUTES + 1))
    follow_up_rhythm(cast.agent)
    held(cast.agent, days_ago=1)
    client.force_login(cast.manager.user)
    response = client.get(COVERAGE)
    assert response.context["as_of"] is None
    assert response.context["totals"].covered == 1


def test_counts_of_another_day_are_not_read(client, cast):
    coverage_refresh(now=timezone.now())
    StoredCoverage.objects.update(counted_on=timezone.localdate() - datetime.timedelta(days=1))
    client.force_login(cast.hr.user)
    assert client.get(COVERAGE).context["as_of"] is None


def test_a_refresh_drops_the_counts_of_teams_with_nobody_left_to_count(cast):
    gone = AgentFactory(team=TeamFactory(site=cast.site))
    coverage_refresh(now=timezone.now() - datetime.timedelta(minutes=1))
    assert StoredCoverage.objects.filter(team=gone.team).exists()
    gone.ended_on = timezone.localdate() - datetime.timedelta(days=1)
    gone.save()

    written = coverage_refresh(now=timezone.now())

    assert written == StoredCoverage.objects.count()
    assert not StoredCoverage.objects.filter(team=gone.team).exists()


def test_the_worker_counts_coverage_on_the_report_schedule(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["coverage-refresh"]
    assert entry["schedule"] == 60.0 * settings.REPORT_REFRESH_MINUTES
    assert coverage_refresh_task.name == entry["task"]


def test_an_administrator_reads_the_counts_in_the_admin_and_cannot_change_them(client, cast):
    coverage_refresh(now=timezone.now())
    client.force_login(cast.superuser)
    listing = client.get(reverse("admin:dashboards_storedcoverage_changelist"))
    assert listing.status_code == 200
    assert cast.team.name in listing.content.decode()
    assert client.get(reverse("admin:dashboards_storedcoverage_add")).status_code == 403
