"""Every page renders for the people it is meant for, with realistic content."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from goals import services
from goals.models import CheckIn, Expectation, Goal
from tests.goals.factories import CheckInFactory, GoalFactory, KpiMeasurementFactory


@pytest.fixture
def world(cast):
    """A team expectation changed once, an agreed KPI goal with progress, a development goal, a proposal."""
    expectation = services.expectation_create(
        author=cast.leader,
        scope=Expectation.Scope.TEAM,
        team=cast.team,
        title="Answer within a day",
        text="We answer every e-mail within one working day.",
    )
    services.acknowledgement_record(
        employee=cast.agent, expectation=expectation, comment="What about weekends?"
    )
    services.expectation_update(
        expectation=expectation,
        author=cast.leader,
        title="Answer within a day",
        text="We answer every e-mail within one working day, weekends included.",
    )
    services.expectation_create(
        author=cast.hr, scope=Expectation.Scope.ORGANISATION, title="Treat customers fairly", text="Always."
    )
    kpi = GoalFactory(
        employee=cast.agent,
        starts_on=datetime.date.today() - datetime.timedelta(days=60),
        due_on=datetime.date.today() + datetime.timedelta(days=60),
    )
    CheckInFactory(
        goal=kpi, checked_on=datetime.date.today() - datetime.timedelta(days=30), value=Decimal("64")
    )
    KpiMeasurementFactory(employee=cast.agent, period_end=datetime.date.today() - datetime.timedelta(days=1))
    development = GoalFactory(
        employee=cast.agent,
        kind=Goal.Kind.DEVELOPMENT,
        metric=None,
        baseline=None,
        target=None,
        title="Ready to act as floor walker",
    )
    CheckInFactory(goal=development, value=None, status=CheckIn.Status.ON_TRACK, percent_complete=40)
    proposed = GoalFactory(employee=cast.teammate, status=Goal.Status.PROPOSED, employee_agreed_at=None)
    return {"expectation": expectation, "kpi": kpi, "development": development, "proposed": proposed}


@pytest.mark.parametrize(
    ("viewer", "url_name", "args"),
    [
        ("agent", "goals:my_goals", []),
        ("agent", "goals:goal_create", []),
        ("leader", "goals:goal_create", []),
        ("leader", "goals:team_goals", []),
        ("manager", "goals:team_goals", []),
        ("hr", "goals:team_goals", []),
        ("leader", "goals:team_goal_create", []),
        ("agent", "goals:expectation_list", []),
        ("leader", "goals:expectation_list", []),
        ("manager", "goals:expectation_list", []),
        ("hr", "goals:expectation_list", []),
        ("leader", "goals:expectation_create", []),
        ("manager", "goals:expectation_create", []),
        ("hr", "goals:expectation_create", []),
        ("leader", "goals:kpi_import", []),
        ("hr", "goals:kpi_import", []),
    ],
)
def test_list_and_form_pages_render(client, cast, world, viewer, url_name, args):
    client.force_login(getattr(cast, viewer).user)
    assert client.get(reverse(url_name, args=args)).status_code == 200


@pytest.mark.parametrize("viewer", ["agent", "leader", "manager", "hr"])
@pytest.mark.parametrize("goal", ["kpi", "development"])
def test_goal_pages_render_for_everyone_in_scope(client, cast, world, viewer, goal):
    client.force_login(getattr(cast, viewer).user)
    response = client.get(world[goal].get_absolute_url())
    assert response.status_code == 200
    assert world[goal].title in response.content.decode()


def test_a_kpi_goal_page_shows_the_chart_progress_and_history(client, cast, world):
    client.force_login(cast.leader.user)
    page = client.get(world["kpi"].get_absolute_url()).content.decode()
    assert "<svg" in page and "chart-actual" in page and "chart-target" in page
    assert "Created the goal." in page


@pytest.mark.parametrize("viewer", ["agent", "leader", "hr"])
def test_expectation_pages_render(client, cast, world, viewer):
    client.force_login(getattr(cast, viewer).user)
    expectation = world["expectation"]
    assert client.get(expectation.get_absolute_url()).status_code == 200
    diff = client.get(reverse("goals:expectation_diff", args=[expectation.pk]))
    assert diff.status_code == 200
    assert "working day<ins>, weekends included</ins>." in diff.content.decode()


def test_leader_sees_employee_goals_and_acknowledgement_status(client, cast, world):
    client.force_login(cast.leader.user)
    assert client.get(reverse("goals:employee_goals", args=[cast.agent.pk])).status_code == 200
    status = client.get(reverse("goals:expectation_status", args=[world["expectation"].pk]))
    assert status.status_code == 200
    page = status.content.decode()
    assert "What about weekends?" in page
    assert cast.teammate.full_name in page
