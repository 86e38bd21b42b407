"""The manager's coverage page: per site, per team and in total, with a drill-down to the team."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from coaching.models import COVERAGE_OVERDUE, COVERAGE_PAUSED, Rhythm
from dashboards import views
from tests.dashboards.builders import follow_up_rhythm, held
from tests.factories import AgentFactory, TeamFactory

COVERAGE = reverse("dashboards:coverage")


def test_each_team_shows_share_within_rhythm_overdue_paused_and_days_since_last_conversation(client, cast):
    on_leave = AgentFactory(team=cast.team)
    follow_up_rhythm(cast.agent)
    follow_up_rhythm(cast.teammate)
    follow_up_rhythm(on_leave, paused_on=timezone.localdate() - datetime.timedelta(days=5))
    follow_up_rhythm(cast.other_agent)
    held(cast.agent, days_ago=4)
    held(cast.teammate, days_ago=30)
    held(cast.teammate, days_ago=20, energy=3)
    held(on_leave, days_ago=100)  # paused: not part of the figures

    client.force_login(cast.manager.user)
    response = client.get(COVERAGE)

    lines = {line.team: line.coverage for line in response.context["teams"]}
    cards, loans = lines[cast.team], lines[cast.other_team]
    assert (cards.members, cards.paused, cards.covered, cards.overdue) == (3, 1, 1, 1)
    assert cards.percent == 50
    assert cards.average_days_since_seen == 12  # (4 + 20) / 2
    assert (loans.members, loans.covered, loans.overdue) == (1, 0, 1)  # never seen since 2022
    assert loans.average_days_since_seen is None
    totals = response.context["totals"]
    assert (totals.members, totals.paused, totals.covered, totals.overdue, totals.percent) == (4, 1, 1, 2, 33)


def test_team_leaders_are_not_counted_as_members_of_their_own_team(client, cast):
    cast.leader.team = cast.team
    cast.leader.save()
    client.force_login(cast.hr.user)
    lines = {
        line.team: line.coverage for line in client.get(COVERAGE, {"site": cast.site.pk}).context["teams"]
    }
    assert lines[cast.team].members == 2


def test_a_team_links_to_its_dashboard(client, cast):
    client.force_login(cast.manager.user)
    content = client.get(COVERAGE).content.decode()
    assert f"{reverse('dashboards:leader_dashboard')}?team={cast.team.pk}" in content
    assert cast.far_team.name not in content


def test_a_team_where_everyone_is_paused_shows_no_share(client, cast):
    for person in (cast.agent, cast.teammate):
        follow_up_rhythm(person, paused_on=timezone.localdate(), pause_reason="Studies")
    client.force_login(cast.manager.user)
    lines = {line.team: line.coverage for line in client.get(COVERAGE).context["teams"]}
    assert lines[cast.team].percent is None
    assert lines[cast.team].counted == 0


def test_several_sites_are_summed_up_per_site_first_and_each_site_opens_on_its_teams(client, cast):
    follow_up_rhythm(cast.agent)
    held(cast.agent, days_ago=4)
    follow_up_rhythm(cast.far_agent)
    held(cast.far_agent, days_ago=40)
    client.force_login(cast.hr.user)

    response = client.get(COVERAGE)

    assert "teams" not in response.context
    lines = {line.site: line.coverage for line in response.context["sites"]}
    uppsala, oslo = lines[cast.site], lines[cast.other_site]
    # teammate and other_agent have no rhythm: not covered, not overdue
    assert (uppsala.members, uppsala.covered, uppsala.overdue) == (3, 1, 0)
    assert uppsala.average_days_since_seen == 4
    assert (oslo.members, oslo.covered, oslo.overdue, oslo.average_days_since_seen) == (1, 0, 1, 40)
    assert response.context["totals"].members == 4
    content = response.content.decode()
    assert f"{COVERAGE}?site={cast.other_site.pk}" in content

    drilled = client.get(COVERAGE, {"site": cast.other_site.pk})
    assert [line.team for line in drilled.context["teams"]] == [cast.far_team]
    assert drilled.context["totals"].members == 1
    assert f'href="{COVERAGE}"' in drilled.content.decode()  # back to all sites


def test_the_teams_of_a_site_come_a_page_at_a_time_with_the_whole_site_in_the_totals(
    client, cast, monkeypatch
):
    monkeypatch.setattr(views, "TEAMS_PER_PAGE", 2)
    for team in TeamFactory.create_batch(3, site=cast.site):
        AgentFactory(team=team)
    client.force_login(cast.manager.user)

    first, last = client.get(COVERAGE), client.get(COVERAGE, {"site": cast.site.pk, "page": 3})

    assert len(first.context["teams"]) == 2 and first.context["page"].paginator.num_pages == 3
    assert len(last.context["teams"]) == 1
    assert first.context["totals"].members == last.context["totals"].members == 6
    assert f"?site={cast.site.pk}&amp;page=2" in first.content.decode()


@pytest.mark.parametrize(
    ("pause", "days_ago", "started_days_ago"),
    [
        ({}, None, 3),  # new, first follow-up not due yet
        ({}, None, 300),  # never seen
        ({}, 4, 300),
        ({}, 40, 300),
        ({"paused_on": -5}, 40, 300),  # paused now
        ({"paused_on": -60, "resumes_on": -20}, 40, 300),  # back, not seen since
        ({"paused_on": -60, "resumes_on": -2}, 40, 300),  # back two days ago
        ({"paused_on": -60, "resumes_on": 0}, 40, 300),  # back today
        ({"paused_on": 5, "resumes_on": 30}, 40, 300),  # a pause ahead
    ],
)
def test_the_coverage_state_of_a_rhythm_agrees_with_its_full_status(cast, pause, days_ago, started_days_ago):
    today = timezone.localdate()
    cast.agent.started_on = today - datetime.timedelta(days=started_days_ago)
    cast.agent.save()
    follow_up_rhythm(
        cast.agent, **{key: today + datetime.timedelta(days=days) for key, days in pause.items()}
    )
    if days_ago is not None:
        held(cast.agent, days_ago=days_ago)

    full = Rhythm.objects.with_status(today).get()
    state = Rhythm.objects.with_coverage_state(today).get().coverage_state

    assert (state == COVERAGE_PAUSED) == full.is_paused
    assert (state == COVERAGE_OVERDUE) == full.is_overdue
