"""Scoping: out of scope is 404, in scope but read-only is 403, every URL has a rule."""

import pytest
from django.urls import URLPattern, reverse

import goals.urls
from goals.models import Expectation, Goal
from goals.services import expectation_create
from tests.goals.factories import GoalFactory
from tests.policy import AGENT_RECORD_READERS


def test_every_goals_url_has_an_access_rule():
    names = {p.name for p in goals.urls.urlpatterns if isinstance(p, URLPattern)}
    assert names == set(goals.urls.access)


@pytest.mark.parametrize(("viewer", "status"), AGENT_RECORD_READERS)
def test_goal_detail_visibility(client, cast, viewer, status):
    goal = GoalFactory(employee=cast.agent)
    client.force_login(getattr(cast, viewer).user)
    assert client.get(goal.get_absolute_url()).status_code == status


@pytest.mark.parametrize("url_name", ["goals:goal_edit", "goals:check_in_add", "goals:goal_agree"])
def test_an_agent_cannot_change_another_agents_goal(client, cast, url_name):
    goal = GoalFactory(employee=cast.teammate, status=Goal.Status.PROPOSED, employee_agreed_at=None)
    client.force_login(cast.agent.user)
    response = client.post(reverse(url_name, args=[goal.pk]), {"checked_on": "2026-03-01", "value": "70"})
    assert response.status_code == 404
    goal.refresh_from_db()
    assert goal.status == Goal.Status.PROPOSED and goal.check_ins.count() == 0


@pytest.mark.parametrize("url_name", ["goals:goal_edit", "goals:check_in_add", "goals:goal_agree"])
def test_a_site_manager_reads_goals_but_cannot_change_them(client, cast, url_name):
    goal = GoalFactory(employee=cast.agent, status=Goal.Status.PROPOSED, leader_agreed_at=None)
    client.force_login(cast.manager.user)
    response = client.post(reverse(url_name, args=[goal.pk]), {"checked_on": "2026-03-01", "value": "70"})
    assert response.status_code == 403
    goal.refresh_from_db()
    assert goal.leader_agreed_at is None


def test_an_agent_cannot_mark_their_own_goal_achieved(client, cast):
    goal = GoalFactory(employee=cast.agent)
    client.force_login(cast.agent.user)
    response = client.post(reverse("goals:goal_decide", args=[goal.pk]), {"outcome": "achieved"})
    assert response.status_code == 403
    goal.refresh_from_db()
    assert goal.status == Goal.Status.AGREED


@pytest.mark.parametrize(
    ("viewer", "status"),
    [("agent", 403), ("trainer", 403), ("leader", 200), ("manager", 200), ("hr", 200)],
)
def test_team_goals_is_for_leaders_managers_and_hr(client, cast, viewer, status):
    client.force_login(getattr(cast, viewer).user)
    assert client.get(reverse("goals:team_goals")).status_code == status


def test_team_goals_show_only_the_leaders_own_people(client, cast):
    GoalFactory(employee=cast.agent, title="Cards goal")
    GoalFactory(employee=cast.other_agent, title="Loans goal")
    client.force_login(cast.leader.user)
    page = client.get(reverse("goals:team_goals")).content.decode()
    assert "Cards goal" in page and cast.teammate.full_name in page
    assert "Loans goal" not in page and cast.other_agent.full_name not in page


def test_a_manager_cannot_pick_a_team_outside_their_sites(client, cast):
    GoalFactory(employee=cast.far_agent, title="Savings goal")
    client.force_login(cast.manager.user)
    page = client.get(reverse("goals:team_goals"), {"team": cast.far_team.pk}).content.decode()
    assert "Savings goal" not in page and cast.far_agent.full_name not in page


@pytest.mark.parametrize(("viewer", "status"), [("leader", 200), ("other_leader", 404), ("manager", 200)])
def test_employee_goals_page_is_scoped(client, cast, viewer, status):
    client.force_login(getattr(cast, viewer).user)
    assert client.get(reverse("goals:employee_goals", args=[cast.agent.pk])).status_code == status


@pytest.mark.parametrize(
    ("viewer", "status"), [("agent", 403), ("leader", 200), ("hr", 200), ("manager", 403)]
)
def test_kpi_import_is_for_leaders_and_hr(client, cast, viewer, status):
    client.force_login(getattr(cast, viewer).user)
    assert client.get(reverse("goals:kpi_import")).status_code == status


@pytest.fixture
def cards_expectation(cast):
    return expectation_create(
        author=cast.leader,
        scope=Expectation.Scope.TEAM,
        team=cast.team,
        title="Cards standard",
        text="Be kind.",
    )


@pytest.mark.parametrize(
    ("viewer", "status"),
    [
        ("agent", 200),
        ("leader", 200),
        ("manager", 200),
        ("hr", 200),
        ("other_agent", 404),
        ("far_leader", 404),
    ],
)
def test_expectation_detail_visibility(client, cast, cards_expectation, viewer, status):
    client.force_login(getattr(cast, viewer).user)
    assert client.get(cards_expectation.get_absolute_url()).status_code == status


@pytest.mark.parametrize(
    ("viewer", "status"),
    [("leader", 200), ("other_leader", 404), ("manager", 403), ("hr", 403), ("agent", 403)],
)
def test_only_the_teams_leader_edits_a_team_expectation(client, cast, cards_expectation, viewer, status):
    client.force_login(getattr(cast, viewer).user)
    assert client.get(reverse("goals:expectation_edit", args=[cards_expectation.pk])).status_code == status


@pytest.mark.parametrize(("viewer", "status"), [("leader", 200), ("other_leader", 404), ("agent", 403)])
def test_acknowledgement_status_is_for_those_who_lead(client, cast, cards_expectation, viewer, status):
    client.force_login(getattr(cast, viewer).user)
    assert client.get(reverse("goals:expectation_status", args=[cards_expectation.pk])).status_code == status


def test_an_agent_cannot_acknowledge_another_teams_expectation(client, cast, cards_expectation):
    client.force_login(cast.other_agent.user)
    response = client.post(reverse("goals:expectation_acknowledge", args=[cards_expectation.pk]))
    assert response.status_code == 404


def test_a_manager_sees_only_their_own_peoples_acknowledgements(client, cast):
    expectation = expectation_create(
        author=cast.hr, scope=Expectation.Scope.ORGANISATION, title="Everyone", text="Be honest."
    )
    client.force_login(cast.other_manager.user)
    page = client.get(reverse("goals:expectation_status", args=[expectation.pk])).content.decode()
    assert cast.far_agent.full_name in page
    assert cast.agent.full_name not in page
