import datetime
import random

import people.demo
from goals import demo
from goals.models import Acknowledgement, CheckIn, Expectation, Goal, KpiMeasurement
from goals.selectors import active_goals_with_progress
from people.models import Employee, Role

TODAY = datetime.date(2026, 5, 20)


def test_demo_data_covers_every_state(db):
    people.demo.seed(rng=random.Random(1), today=TODAY, employees=60)
    demo.seed(rng=random.Random(1), today=TODAY)

    agents = Employee.objects.filter(role=Role.AGENT, team__isnull=False)
    assert {"organisation", "site", "team"} == set(Expectation.objects.values_list("scope", flat=True))
    assert Acknowledgement.objects.exists()
    assert any(Expectation.objects.unacknowledged_by(agent).exists() for agent in agents)
    statuses = set(Goal.objects.values_list("status", flat=True))
    assert {Goal.Status.AGREED, Goal.Status.PROPOSED, Goal.Status.ACHIEVED} <= statuses
    assert CheckIn.objects.exists()
    assert KpiMeasurement.objects.filter(employee=agents.first()).count() == 48  # 4 metrics, 12 months
    progress = active_goals_with_progress(agents.values_list("pk", flat=True), today=TODAY)
    tracks = {goal.track for goals in progress.values() for goal in goals}
    assert {"on_track", "at_risk", "off_track"} & tracks
    assert Goal.history.count() >= Goal.objects.count()
