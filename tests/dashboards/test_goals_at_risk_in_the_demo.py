"""In the demo organisation, "goals at risk" on the leaders' dashboards flags a few people, not half
the floor: early, mid and late in a month, mid and late in a quarter."""

import datetime
import random

import pytest

import people.demo
from goals import demo
from goals.selectors import goals_at_risk_counts
from people.models import Employee, Role


@pytest.mark.parametrize(
    "today", [datetime.date(2026, 5, 3), datetime.date(2026, 5, 20), datetime.date(2026, 6, 29)]
)
def test_goals_at_risk_flags_only_a_few_people_in_the_demo(db, today):
    people.demo.seed(rng=random.Random(3), today=today, employees=150)
    demo.seed(rng=random.Random(3), today=today)

    members = Employee.objects.filter(role=Role.AGENT, team__leader__isnull=False)
    flagged = goals_at_risk_counts(members.values_list("pk", flat=True), today=today)

    assert 0 < len(flagged) <= 0.2 * members.count()
