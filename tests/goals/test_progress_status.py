"""A goal's track means something: only agreed goals have one, a KPI goal without values says so,
and on track is judged against where the plan line is today."""

import datetime
from decimal import Decimal

import pytest

from goals import progress
from goals.models import Goal
from tests.goals.factories import CheckInFactory, GoalFactory

# The factory's goal runs from 1 January to 30 June 2026, baseline 60, target 80.
MARCH = datetime.date(2026, 3, 1)


def evaluate(goal, values, today):
    check_ins = [CheckInFactory.build(goal=goal, checked_on=on, value=Decimal(value)) for on, value in values]
    progress.evaluate(goal, check_ins, [], today=today)
    return goal


@pytest.mark.django_db
@pytest.mark.parametrize("status", [Goal.Status.DRAFT, Goal.Status.PROPOSED])
def test_a_draft_or_proposed_goal_has_no_track(status):
    goal = evaluate(GoalFactory.build(status=status), [(MARCH, "61")], today=MARCH)
    assert goal.track is None and goal.progress_percent is None


@pytest.mark.django_db
def test_a_kpi_goal_without_values_says_so_instead_of_zero_percent_off_track():
    goal = evaluate(GoalFactory.build(baseline=None), [(MARCH, "60")], today=datetime.date(2026, 5, 1))
    assert goal.track == progress.NO_VALUES
    assert goal.progress_percent is None
    assert goal.get_track_display() == "No values yet"
    assert evaluate(GoalFactory.build(), [], today=MARCH).track == progress.NO_VALUES


@pytest.mark.django_db
def test_on_track_is_judged_against_where_the_plan_line_is_today():
    values = [(datetime.date(2026, 1, 31), "63.5")]  # on plan at the end of January
    assert evaluate(GoalFactory.build(), values, today=datetime.date(2026, 2, 1)).track == progress.ON_TRACK
    # The same value is far behind the plan three months later: nothing new has been measured.
    assert evaluate(GoalFactory.build(), values, today=datetime.date(2026, 5, 1)).track == progress.OFF_TRACK


@pytest.mark.django_db
def test_a_value_from_the_last_monthly_import_is_not_flagged_while_the_next_is_still_due():
    values = [(datetime.date(2026, 1, 31), "63.5")]  # on plan at the end of January
    assert evaluate(GoalFactory.build(), values, today=datetime.date(2026, 2, 27)).track == progress.ON_TRACK
