"""What the leader's dashboard shows for each member, how it orders them, and the coverage figure."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from coaching.models import ConversationType
from tests.dashboards.builders import action_item, follow_up_rhythm, held, scheduled
from tests.factories import AgentFactory
from tests.goals.factories import CheckInFactory, GoalFactory

DASHBOARD = reverse("dashboards:leader_dashboard")


def rows_by_person(client, **params):
    response = client.get(DASHBOARD, params)
    assert response.status_code == 200
    return {row.employee: row for row in response.context["rows"]}, response


@pytest.fixture
def leader(client, cast):
    client.force_login(cast.leader.user)
    return cast.leader


def test_a_member_not_seen_within_their_rhythm_is_overdue_and_one_seen_recently_is_not(client, cast, leader):
    follow_up_rhythm(cast.agent, cadence_days=14)
    follow_up_rhythm(cast.teammate, cadence_days=14)
    held(cast.agent, days_ago=20)
    held(cast.teammate, days_ago=5)

    rows, response = rows_by_person(client)

    assert rows[cast.agent].is_overdue
    assert not rows[cast.teammate].is_overdue
    assert rows[cast.teammate].follow_up.next_due_on == timezone.localdate() + datetime.timedelta(days=9)
    content = response.content.decode()
    assert f'id="member-{cast.agent.pk}" class="dash-member dash-row-overdue"' in content
    assert "Overdue" in content


def test_the_coverage_figure_leaves_paused_people_out_and_counts_people_without_a_rhythm_as_not_covered(
    client, cast, leader
):
    on_leave = AgentFactory(team=cast.team)
    AgentFactory(team=cast.team)  # no follow-up rhythm: nobody agreed how often to see them
    follow_up_rhythm(cast.agent)
    follow_up_rhythm(cast.teammate)
    follow_up_rhythm(
        on_leave, paused_on=timezone.localdate() - datetime.timedelta(days=30), pause_reason="Parental leave"
    )
    held(cast.agent, days_ago=3)
    held(cast.teammate, days_ago=30)

    rows, response = rows_by_person(client)

    coverage = response.context["coverage"]
    assert (coverage.members, coverage.paused, coverage.counted, coverage.covered) == (4, 1, 3, 1)
    assert coverage.percent == 33
    assert rows[on_leave].is_paused and not rows[on_leave].is_overdue
    content = response.content.decode()
    assert "33%" in content
    assert "Parental leave" in content
    assert "No follow-up rhythm" in content


def test_a_new_hire_whose_first_follow_up_is_not_due_yet_counts_as_covered(client, cast, leader):
    newcomer = AgentFactory(team=cast.team, started_on=timezone.localdate() - datetime.timedelta(days=3))
    follow_up_rhythm(newcomer, cadence_days=14)
    rows, response = rows_by_person(client, team=cast.team.pk)
    assert rows[newcomer].is_covered
    assert rows[newcomer].last_held_at is None


def test_the_row_shows_last_conversation_open_actions_unconfirmed_summaries_and_the_next_booking(
    client, cast, leader
):
    follow_up_rhythm(cast.agent)
    earlier = held(cast.agent, days_ago=40)
    action_item(earlier, text="Done already", done=True)
    action_item(earlier)
    last = held(cast.agent, days_ago=10, kind=ConversationType.Kind.COACHING, confirmed=False)
    action_item(last)
    scheduled(cast.agent, days_ahead=4)

    rows, response = rows_by_person(client)

    row = rows[cast.agent]
    assert row.last_held_at == last.scheduled_at
    assert row.last_type_label == "Coaching session"
    assert row.open_action_items == 2
    assert row.unconfirmed_summaries == 1
    assert row.next_scheduled_at is not None
    assert "Booked" in response.content.decode()
    assert rows[cast.teammate].open_action_items == 0
    assert rows[cast.teammate].last_held_at is None


def test_wellbeing_shows_the_last_scores_with_the_trend_since_the_previous_check(client, cast, leader):
    held(cast.agent, days_ago=30, energy=2, workload=4)
    held(cast.agent, days_ago=20)  # no wellbeing check this time: compared with the one before
    held(cast.agent, days_ago=10, energy=4, workload=4)
    held(cast.teammate, days_ago=10, energy=3, workload=2)

    rows, response = rows_by_person(client)

    assert (rows[cast.agent].energy, rows[cast.agent].workload) == (4, 4)
    assert (rows[cast.agent].energy_trend, rows[cast.agent].workload_trend) == ("up", "same")
    assert rows[cast.teammate].energy_trend is None  # nothing to compare with
    content = response.content.decode()
    assert "↑" in content and "→" in content


def test_goals_at_risk_are_counted_per_member(client, cast, leader):
    today = timezone.localdate()
    behind = GoalFactory(
        employee=cast.agent,
        starts_on=today - datetime.timedelta(days=90),
        due_on=today + datetime.timedelta(days=90),
    )
    CheckInFactory(goal=behind, checked_on=today, value=61)  # 5 % of the way, half the period gone

    rows, _response = rows_by_person(client)

    assert rows[cast.agent].goals_at_risk == 1
    assert rows[cast.teammate].goals_at_risk == 0


@pytest.mark.parametrize(
    ("order", "expected"),
    [
        ("not_seen", ["never", "long_ago", "recent"]),
        ("next_due", ["long_ago", "recent", "never"]),
        ("name", ["long_ago", "never", "recent"]),
    ],
)
def test_members_can_be_ordered_by_who_was_not_seen_for_longest(client, cast, leader, order, expected):
    people = {
        "recent": AgentFactory(team=cast.team, user__first_name="Cecilia"),
        "long_ago": AgentFactory(team=cast.team, user__first_name="Anna"),
        "never": AgentFactory(team=cast.team, user__first_name="Bo", started_on=timezone.localdate()),
    }
    for person in people.values():
        follow_up_rhythm(person)
    held(people["recent"], days_ago=2)
    held(people["long_ago"], days_ago=60)

    response = client.get(DASHBOARD, {"team": cast.team.pk, "order": order})

    shown = [row.employee for row in response.context["rows"] if row.employee in people.values()]
    assert shown == [people[name] for name in expected]
    assert response.context["order"] == order


def test_an_unknown_order_falls_back_to_next_due(client, cast, leader):
    assert client.get(DASHBOARD, {"order": "salary"}).context["order"] == "next_due"


def test_each_row_offers_schedule_log_and_open_for_that_person(client, cast, leader):
    content = client.get(DASHBOARD).content.decode()
    pk = cast.agent.pk
    assert f"{reverse('coaching:conversation_schedule')}?employee={pk}" in content
    assert f"{reverse('coaching:conversation_log')}?employee={pk}" in content
    assert reverse("dashboards:employee_overview", args=[pk]) in content


def test_a_leader_of_two_teams_can_narrow_the_dashboard_to_one(client, cast, leader):
    cast.other_team.leader = cast.leader
    cast.other_team.save()

    everyone, response = rows_by_person(client)
    one_team, _response = rows_by_person(client, team=cast.other_team.pk)

    assert set(everyone) == {cast.agent, cast.teammate, cast.other_agent}
    assert set(one_team) == {cast.other_agent}
    assert cast.other_team.name in response.content.decode()


def test_people_who_have_left_are_not_on_the_dashboard(client, cast, leader):
    cast.teammate.ended_on = timezone.localdate() - datetime.timedelta(days=1)
    cast.teammate.save()
    rows, _response = rows_by_person(client)
    assert set(rows) == {cast.agent}


def test_a_manager_drilling_down_sees_the_team_and_a_way_back_to_coverage(client, cast):
    client.force_login(cast.manager.user)
    response = client.get(DASHBOARD, {"team": cast.team.pk})
    content = response.content.decode()
    assert cast.team.name in content
    assert reverse("dashboards:coverage") in content


@pytest.mark.parametrize(
    ("language", "words"),
    [("nb", ["Teamoversikt", "Lengst siden sist"]), ("sv", ["Teamöversikt", "Längst sedan senast"])],
)
def test_the_dashboard_speaks_the_leaders_language(client, cast, leader, language, words):
    cast.leader.language = language
    cast.leader.save()
    content = client.get(DASHBOARD).content.decode()
    for word in words:
        assert word in content


def test_a_member_back_from_a_pause_without_a_conversation_since_is_due_a_welcome_back(client, cast, leader):
    today = timezone.localdate()
    follow_up_rhythm(
        cast.agent,
        paused_on=today - datetime.timedelta(days=200),
        resumes_on=today - datetime.timedelta(days=2),
        pause_reason="Parental leave",
    )
    held(cast.agent, days_ago=210)

    rows, response = rows_by_person(client)

    assert rows[cast.agent].follow_up.welcome_back_due
    assert not rows[cast.agent].is_paused
    assert "Welcome back due" in response.content.decode()
