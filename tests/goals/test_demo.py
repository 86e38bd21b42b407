import datetime
import random

import pytest
from django.db.models import Q
from django.utils import translation

import people.demo
from goals import demo
from goals.models import Acknowledgement, CheckIn, Expectation, Goal, KpiMeasurement, Metric
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


@pytest.mark.parametrize(
    ("site", "language", "kpi_name"),
    [("Oslo", "nb", "Kundetilfredshet"), ("Helsingborg", "sv", "Kundnöjdhet")],
)
def test_demo_goals_and_expectations_are_in_the_sites_language(db, site, language, kpi_name):
    people.demo.seed(rng=random.Random(4), today=TODAY, employees=120)
    demo.seed(rng=random.Random(4), today=TODAY)

    titles = {title for title, _why in [*demo.DEVELOPMENT_GOALS[language], *demo.BEHAVIOUR_GOALS[language]]}
    goals = Goal.objects.filter(employee__site__name=site)
    assert goals.exists()
    for goal in goals.select_related("metric"):
        if goal.kind == Goal.Kind.KPI:
            assert goal.why_it_matters in demo.WHY_KPI[language]
        else:
            assert goal.title in titles
    with translation.override(language):
        csat = Metric.objects.get(code="csat").name
    assert csat == kpi_name
    kpi_titles = goals.filter(metric__code="csat").values_list("title", flat=True)
    assert kpi_titles and all(title.startswith(kpi_name) for title in kpi_titles)
    written = {title for title, _text in demo.TEAM_EXPECTATIONS[language] + demo.SITE_EXPECTATIONS[language]}
    local = Expectation.objects.filter(Q(team__site__name=site) | Q(site__name=site))
    assert local.exists() and set(local.values_list("title", flat=True)) <= written


def test_the_demo_teams_goals_stay_english(db):
    people.demo.seed(rng=random.Random(4), today=TODAY, employees=120)
    demo.seed(rng=random.Random(4), today=TODAY)

    english = {title for title, _why in [*demo.DEVELOPMENT_GOALS["en"], *demo.BEHAVIOUR_GOALS["en"]]}
    goals = Goal.objects.filter(employee__team__leader__user__username="leader").exclude(kind=Goal.Kind.KPI)
    assert goals.exists() and set(goals.values_list("title", flat=True)) <= english
