"""The manager's coverage page: per team and in total, with a drill-down to the team."""

import datetime

from django.urls import reverse
from django.utils import timezone

from tests.dashboards.builders import follow_up_rhythm, held
from tests.factories import AgentFactory

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
    lines = {line.team: line.coverage for line in client.get(COVERAGE).context["teams"]}
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
