"""Key pages run the same number of queries whatever the team size or history length."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from goals import services
from goals.models import CheckIn, Expectation, Goal
from tests.factories import AgentFactory
from tests.goals.factories import CheckInFactory, GoalFactory, KpiMeasurementFactory

TODAY = datetime.date.today()


def fill_team(cast, size):
    """`size` people in the leader's team, each with an agreed KPI goal with check-ins, a proposed
    development goal and a measurement; two expectations, acknowledged by half of them."""
    members = [cast.agent, cast.teammate, *AgentFactory.create_batch(size - 2, team=cast.team)]
    expectations = [
        services.expectation_create(
            author=cast.leader, scope="team", team=cast.team, title="E-mail", text="x"
        ),
        services.expectation_create(
            author=cast.hr, scope=Expectation.Scope.ORGANISATION, title="Fair", text="y"
        ),
    ]
    for number, member in enumerate(members):
        goal = GoalFactory(
            employee=member,
            starts_on=TODAY - datetime.timedelta(days=60),
            due_on=TODAY + datetime.timedelta(days=30),
        )
        for days in (40, 20):
            CheckInFactory(
                goal=goal, checked_on=TODAY - datetime.timedelta(days=days), value=Decimal(60 + number % 20)
            )
        development = GoalFactory(
            employee=member,
            kind=Goal.Kind.DEVELOPMENT,
            metric=None,
            baseline=None,
            target=None,
            status=Goal.Status.PROPOSED,
            employee_agreed_at=None,
            starts_on=TODAY - datetime.timedelta(days=10),
            due_on=TODAY + datetime.timedelta(days=80),
        )
        CheckIn.objects.create(goal=development, status=CheckIn.Status.ON_TRACK, checked_on=TODAY)
        KpiMeasurementFactory(employee=member, period_end=TODAY - datetime.timedelta(days=5))
        if number % 2:
            for expectation in expectations:
                services.acknowledgement_record(employee=member, expectation=expectation)
    return members


@pytest.mark.parametrize("size", [15, 60])
def test_team_goals_query_count(client, cast, size, django_assert_num_queries):
    fill_team(cast, size)
    client.force_login(cast.leader.user)
    with django_assert_num_queries(10):  # the same at both sizes
        response = client.get(reverse("goals:team_goals"))
    assert len(response.context["members"]) == size


@pytest.mark.parametrize("size", [15, 60])
def test_team_goals_for_hr_query_count(client, cast, size, django_assert_num_queries):
    fill_team(cast, size)
    client.force_login(cast.hr.user)
    with django_assert_num_queries(11):
        response = client.get(reverse("goals:team_goals"), {"team": cast.team.pk})
    assert len(response.context["members"]) == size


@pytest.mark.parametrize("goals", [1, 12])
def test_my_goals_query_count(client, cast, goals, django_assert_num_queries):
    for number in range(goals):
        goal = GoalFactory(
            employee=cast.agent,
            starts_on=TODAY - datetime.timedelta(days=30),
            due_on=TODAY + datetime.timedelta(days=30),
        )
        CheckInFactory.create_batch(3, goal=goal, checked_on=TODAY)
        GoalFactory(employee=cast.agent, status=Goal.Status.ACHIEVED)
        services.expectation_create(
            author=cast.leader, scope="team", team=cast.team, title=f"E{number}", text="x"
        )
    client.force_login(cast.agent.user)
    with django_assert_num_queries(8):
        response = client.get(reverse("goals:my_goals"))
    assert len(response.context["goals"]) == goals


@pytest.mark.parametrize("check_ins", [1, 20])
def test_goal_detail_query_count(client, cast, check_ins, django_assert_num_queries):
    goal = GoalFactory(employee=cast.agent)
    CheckInFactory.create_batch(check_ins, goal=goal)
    for value in range(check_ins):
        services.goal_update(goal=goal, by=cast.leader, data={"description": f"Version {value}"})
    client.force_login(cast.agent.user)
    with django_assert_num_queries(8):
        client.get(goal.get_absolute_url())


@pytest.mark.parametrize("size", [15, 60])
def test_expectation_pages_query_count(client, cast, size, django_assert_num_queries):
    fill_team(cast, size)
    expectation = Expectation.objects.get(title="E-mail")
    client.force_login(cast.leader.user)
    with django_assert_num_queries(10):
        client.get(reverse("goals:expectation_list"))
    with django_assert_num_queries(6):
        client.get(reverse("goals:expectation_status", args=[expectation.pk]))
