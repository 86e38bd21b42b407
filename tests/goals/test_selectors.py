"""The read interface other apps rely on (coaching agenda, leader dashboard)."""

import datetime
from decimal import Decimal

import pytest

from goals.models import CheckIn, Goal
from goals.selectors import active_goals_with_progress, goals_at_risk_counts, latest_kpi_values
from tests.factories import AgentFactory
from tests.goals.factories import TODAY, CheckInFactory, GoalFactory, KpiMeasurementFactory, metric


def test_active_goals_carry_latest_check_in_progress_and_track(cast):
    goal = GoalFactory(employee=cast.agent)  # 60 -> 80 from 1 Jan to 30 Jun
    CheckInFactory(goal=goal, checked_on=datetime.date(2026, 2, 1), value=Decimal("62"))
    latest = CheckInFactory(goal=goal, checked_on=datetime.date(2026, 3, 14), value=Decimal("75"))
    GoalFactory(employee=cast.agent, status=Goal.Status.ACHIEVED)  # closed: left out
    GoalFactory(employee=cast.agent, starts_on=datetime.date(2025, 1, 1), due_on=datetime.date(2025, 6, 30))

    result = active_goals_with_progress([cast.agent.pk, cast.teammate.pk], today=TODAY)

    assert list(result) == [cast.agent.pk]
    [active] = result[cast.agent.pk]
    assert active == goal
    assert active.latest_check_in == latest
    assert active.progress_percent == 75  # (75 - 60) / (80 - 60)
    assert active.track == "on_track"  # ahead of the straight line (40 % of the period gone)


def test_a_proposed_goal_without_progress_has_no_percent_or_track(cast):
    GoalFactory(employee=cast.agent, status=Goal.Status.PROPOSED, leader_agreed_at=None)
    [goal] = active_goals_with_progress([cast.agent.pk], today=TODAY)[cast.agent.pk]
    assert goal.latest_check_in is None
    assert goal.progress_percent is None
    assert goal.track is None


def test_imported_measurements_count_as_progress_of_a_kpi_goal(cast):
    GoalFactory(employee=cast.agent)
    KpiMeasurementFactory(employee=cast.agent, period_end=datetime.date(2026, 2, 28), value=Decimal("61"))
    [goal] = active_goals_with_progress([cast.agent.pk], today=TODAY)[cast.agent.pk]
    assert goal.progress_percent == 5
    assert goal.track == "off_track"  # 5 % of the way after 32 % of the period


def test_development_goals_take_the_status_word_of_their_latest_check_in(cast):
    goal = GoalFactory(
        employee=cast.agent, kind=Goal.Kind.DEVELOPMENT, metric=None, baseline=None, target=None
    )
    CheckInFactory(goal=goal, value=None, status=CheckIn.Status.AT_RISK, percent_complete=30)
    [result] = active_goals_with_progress([cast.agent.pk], today=TODAY)[cast.agent.pk]
    assert (result.track, result.progress_percent) == ("at_risk", 30)


def test_latest_kpi_values_give_the_newest_value_of_each_metric_with_the_goal_target(cast):
    GoalFactory(employee=cast.agent, target=Decimal("80"))
    KpiMeasurementFactory(employee=cast.agent, period_end=datetime.date(2026, 1, 31), value=Decimal("65"))
    KpiMeasurementFactory(employee=cast.agent, period_end=datetime.date(2026, 2, 28), value=Decimal("68"))
    KpiMeasurementFactory(employee=cast.agent, metric=metric("aht"), value=Decimal("310"))

    result = latest_kpi_values([cast.agent.pk, cast.teammate.pk], today=TODAY)

    assert result == {
        cast.agent.pk: [
            {
                "metric_id": metric("aht").pk,
                "metric": "Average handling time",
                "unit": "s",
                "value": Decimal("310.00"),
                "measured_on": datetime.date(2026, 2, 28),
                "target": None,
            },
            {
                "metric_id": metric("fcr").pk,
                "metric": "First-contact resolution",
                "unit": "%",
                "value": Decimal("68.00"),
                "measured_on": datetime.date(2026, 2, 28),
                "target": Decimal("80.00"),
            },
        ]
    }


def test_goals_at_risk_counts_only_agreed_goals_behind_the_line(cast):
    behind = GoalFactory(employee=cast.agent)
    CheckInFactory(goal=behind, value=Decimal("61"))
    ahead = GoalFactory(employee=cast.agent)
    CheckInFactory(goal=ahead, value=Decimal("79"))
    proposed = GoalFactory(employee=cast.teammate, status=Goal.Status.PROPOSED, employee_agreed_at=None)
    CheckInFactory(goal=proposed, value=Decimal("61"))

    assert goals_at_risk_counts([cast.agent.pk, cast.teammate.pk], today=TODAY) == {cast.agent.pk: 1}


@pytest.mark.parametrize("selector", [active_goals_with_progress, latest_kpi_values, goals_at_risk_counts])
@pytest.mark.parametrize("people", [2, 12])
def test_selectors_run_a_constant_number_of_queries(cast, selector, people, django_assert_num_queries):
    agents = AgentFactory.create_batch(people, team=cast.team)
    for agent in agents:
        goal = GoalFactory(employee=agent)
        CheckInFactory(goal=goal)
        KpiMeasurementFactory(employee=agent)
    expected = {active_goals_with_progress: 3, latest_kpi_values: 2, goals_at_risk_counts: 3}[selector]
    with django_assert_num_queries(expected):
        selector([agent.pk for agent in agents], today=TODAY)


def test_a_decided_goal_shows_its_outcome_not_a_track(cast):
    from goals.progress import evaluate

    goal = GoalFactory(employee=cast.agent, status=Goal.Status.ACHIEVED)
    check_in = CheckInFactory(goal=goal, checked_on=datetime.date(2026, 2, 1), value=Decimal("61"))
    evaluate(goal, [check_in], [], today=datetime.date(2026, 2, 1))
    assert goal.progress_percent == 5 and goal.track is None
