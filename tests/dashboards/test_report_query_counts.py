"""Each report page and CSV runs the same number of queries whatever the number of teams and people."""

import pytest
from django.urls import reverse
from django.utils import timezone

from dashboards.figures import report_figures_refresh
from dashboards.reports import REPORTS
from goals.models import Goal
from onboarding.models import Onboarding
from tests.dashboards.builders import history
from tests.factories import AgentFactory, TeamFactory
from tests.goals.factories import GoalFactory
from tests.onboarding.factories import OnboardingFactory
from tests.onboarding.training_helpers import completed

# Every request: session, user, the viewer's employee record (3; the session is written about once
# a minute, not by these requests). Then the viewer's sites (the summary) or teams with their sites'
# names (the filters, the rows' names and the scope of a chosen site or team), and the stored figures
# of the parts the viewer's scope is made of, for the summary per site, a site's teams and the CSV
# alike.
STORED_QUERIES = {key: 5 for key in REPORTS}
# Without recent stored figures (a new installation, or the worker is down), the report's grouped
# query too (trainings: the requirements in force and their sites, then one over the people), and
# for the summary the sites of the teams counted.
LIVE_QUERIES = {"coverage": 6, "goals": 6, "wellbeing": 6, "onboarding": 6, "trainings": 8}


@pytest.mark.parametrize("stored", [True, False], ids=["stored", "live"])
@pytest.mark.parametrize("teams", [1, 6])
@pytest.mark.parametrize("key", list(REPORTS))
def test_report_query_count_is_constant(client, cast, teams, key, stored, django_assert_num_queries):
    for _index in range(teams):
        people = AgentFactory.create_batch(5, team=TeamFactory(site=cast.site))
        history(people, years=1)
        for person in people:
            GoalFactory(employee=person, status=Goal.Status.ACHIEVED, due_on=timezone.localdate())
            OnboardingFactory(
                employee=person, status=Onboarding.Status.COMPLETED, completed_at=timezone.now()
            )
            for code in ("aml", "gdpr"):
                completed(person, code, days_ago=30)
    if stored:
        report_figures_refresh(now=timezone.now())
    queries = (STORED_QUERIES if stored else LIVE_QUERIES)[key]
    client.force_login(cast.hr.user)
    with django_assert_num_queries(queries + (not stored)):
        summary = client.get(reverse("dashboards:report_detail", args=[key]))
    assert len(summary.context["table"].rows) == len(summary.context["sites"]) > 1
    with django_assert_num_queries(queries):
        site = client.get(reverse("dashboards:report_detail", args=[key]), {"site": cast.site.pk})
    assert len(site.context["table"].rows) >= teams
    for params in ({}, {"site": cast.site.pk}):
        with django_assert_num_queries(queries):
            client.get(reverse("dashboards:report_csv", args=[key]), params)
