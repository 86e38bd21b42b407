"""The dashboards run the same number of queries whatever the team size, site size or history length."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from dashboards.stored_coverage import coverage_refresh
from tests.dashboards.builders import history
from tests.factories import AgentFactory, TeamFactory
from tests.goals.factories import CheckInFactory, GoalFactory

# Every request: session, user, the viewer's employee record (3; the session is written about once
# a minute, not by these requests). Then the teams, the members with their counts, their latest conversations
# (one windowed query), their follow-up rhythms, goals at risk (goals, check-ins, KPI measurements),
# and the running onboardings with their progress (the onboarding column).
DASHBOARD_QUERIES = 11
# The sites with their team counts, the worker's coverage counts of the site's teams, one page of
# those teams. (While the worker's counts are missing, one more: the members counted live.)
COVERAGE_QUERIES = 6
# The summary of several sites: the sites, the worker's counts per site.
COVERAGE_SUMMARY_QUERIES = 5
# The person, conversations, the may-coach check, open action items, active goals (goals,
# check-ins, KPI measurements).
OVERVIEW_QUERIES = 11  # the leader's view writes one access-log row


def goals_for(people):
    """An agreed KPI goal in its period, with a check-in, for each person."""
    today = timezone.localdate()
    for person in people:
        goal = GoalFactory(
            employee=person, starts_on=today - timedelta(days=60), due_on=today + timedelta(days=60)
        )
        CheckInFactory(goal=goal, checked_on=today)


@pytest.mark.parametrize(("team_size", "years"), [(10, 1), (60, 1), (10, 10)])
def test_leader_dashboard_query_count_is_constant(client, cast, team_size, years, django_assert_num_queries):
    members = [cast.agent, cast.teammate, *AgentFactory.create_batch(team_size - 2, team=cast.team)]
    history(members, years=years)
    goals_for(members)
    client.force_login(cast.leader.user)
    with django_assert_num_queries(DASHBOARD_QUERIES):
        response = client.get(reverse("dashboards:leader_dashboard"))
    assert len(response.context["rows"]) == team_size


@pytest.mark.parametrize("team_size", [10, 60])
def test_manager_drill_down_query_count_is_constant(client, cast, team_size, django_assert_num_queries):
    members = [cast.agent, cast.teammate, *AgentFactory.create_batch(team_size - 2, team=cast.team)]
    history(members, years=1)
    goals_for(members)
    client.force_login(cast.manager.user)
    with django_assert_num_queries(DASHBOARD_QUERIES):
        response = client.get(reverse("dashboards:leader_dashboard"), {"team": cast.team.pk})
    assert len(response.context["rows"]) == team_size


@pytest.mark.parametrize(("teams", "team_size"), [(2, 10), (10, 20)])
def test_coverage_query_count_is_constant(client, cast, teams, team_size, django_assert_num_queries):
    people = []
    for team in TeamFactory.create_batch(teams, site=cast.site):
        people += AgentFactory.create_batch(team_size, team=team)
    history(people, years=1)
    coverage_refresh(now=timezone.now())  # as the worker leaves it
    client.force_login(cast.manager.user)
    with django_assert_num_queries(COVERAGE_QUERIES):
        response = client.get(reverse("dashboards:coverage"))
    assert response.context["totals"].members == teams * team_size + 3  # and the cast's agents


@pytest.mark.parametrize(("teams", "team_size"), [(2, 10), (10, 20)])
def test_coverage_summary_query_count_is_constant(client, cast, teams, team_size, django_assert_num_queries):
    people = []
    for site in (cast.site, cast.other_site):
        for team in TeamFactory.create_batch(teams, site=site):
            people += AgentFactory.create_batch(team_size, team=team)
    history(people, years=1)
    coverage_refresh(now=timezone.now())
    client.force_login(cast.hr.user)
    with django_assert_num_queries(COVERAGE_SUMMARY_QUERIES):
        response = client.get(reverse("dashboards:coverage"))
    assert response.context["totals"].members == 2 * teams * team_size + 4  # and the cast's agents


@pytest.mark.parametrize("years", [1, 10])
def test_employee_overview_query_count_is_constant(client, cast, years, django_assert_num_queries):
    history([cast.agent], years=years)
    goals_for([cast.agent])
    client.force_login(cast.leader.user)
    with django_assert_num_queries(OVERVIEW_QUERIES):
        response = client.get(reverse("dashboards:employee_overview", args=[cast.agent.pk]))
    assert response.status_code == 200
