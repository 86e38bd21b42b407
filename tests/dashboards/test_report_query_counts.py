"""Each report page and CSV runs the same number of queries whatever the number of teams and people."""

import pytest
from django.urls import reverse
from django.utils import timezone

from dashboards.reports import REPORTS
from goals.models import Goal
from onboarding.models import Onboarding
from tests.dashboards.builders import history
from tests.factories import AgentFactory, TeamFactory
from tests.goals.factories import GoalFactory
from tests.onboarding.factories import OnboardingFactory
from tests.onboarding.training_helpers import completed

# Every request: session, user, the viewer's employee record, and the session save (savepoint,
# update, release) = 6. Then the sites and the teams of the filters, the report's grouped queries
# (one; trainings: the requirements in force and their sites, then one over the people), and the
# names of the teams shown.
PAGE_QUERIES = {"coverage": 10, "goals": 10, "wellbeing": 10, "onboarding": 10, "trainings": 12}
# The CSV: no filter lists, the same figures.
CSV_QUERIES = {"coverage": 8, "goals": 8, "wellbeing": 8, "onboarding": 8, "trainings": 10}


@pytest.mark.parametrize("teams", [1, 6])
@pytest.mark.parametrize("key", list(REPORTS))
def test_report_query_count_is_constant(client, cast, teams, key, django_assert_num_queries):
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
    client.force_login(cast.hr.user)
    with django_assert_num_queries(PAGE_QUERIES[key]):
        response = client.get(reverse("dashboards:report_detail", args=[key]))
    assert len(response.context["table"].rows) >= teams
    with django_assert_num_queries(CSV_QUERIES[key]):
        client.get(reverse("dashboards:report_csv", args=[key]))
