"""HR (and managers within their sites) find people to recruit from within; a CSV takes the list away."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from goals.models import Goal
from tests.coaching.factories import HeldConversationFactory, PrivateNoteFactory
from tests.factories import AgentFactory
from tests.goals.factories import GoalFactory


def names(response):
    return sorted(employee.user.username for employee in response.context["page"])


def wants(employee, *interests, started_years_ago=None):
    employee.career_interests = list(interests)
    if started_years_ago is not None:
        employee.started_on = timezone.localdate() - datetime.timedelta(days=365 * started_years_ago + 5)
    employee.save()


def development_goal_done(employee):
    GoalFactory(employee=employee, kind=Goal.Kind.DEVELOPMENT, metric=None, status=Goal.Status.ACHIEVED)


def test_hr_finds_agents_who_want_to_become_trainers(client, cast):
    wants(cast.agent, "trainer", "leadership")
    wants(cast.far_agent, "trainer")
    wants(cast.teammate, "leadership")
    client.force_login(cast.hr.user)
    response = client.get(reverse("hr:talent_search"), {"career_interest": "trainer"})
    assert names(response) == ["agent", "far_agent"]


def test_a_manager_searches_within_their_sites_only(client, cast):
    wants(cast.agent, "trainer")
    wants(cast.far_agent, "trainer")
    client.force_login(cast.manager.user)
    assert names(client.get(reverse("hr:talent_search"), {"career_interest": "trainer"})) == ["agent"]


@pytest.mark.parametrize("person", ["agent", "leader", "trainer"])
def test_agents_leaders_and_trainers_are_refused(client, cast, person):
    client.force_login(getattr(cast, person).user)
    assert client.get(reverse("hr:talent_search")).status_code == 403
    assert client.get(reverse("hr:talent_export")).status_code == 403


def test_tenure_and_completed_development_goals_narrow_the_pool(client, cast):
    wants(cast.agent, "trainer", started_years_ago=6)
    wants(cast.teammate, "trainer", started_years_ago=1)
    development_goal_done(cast.agent)
    development_goal_done(cast.agent)
    development_goal_done(cast.teammate)
    client.force_login(cast.hr.user)
    response = client.get(reverse("hr:talent_search"), {"min_tenure": 5, "career_interest": "trainer"})
    assert names(response) == ["agent"]
    response = client.get(reverse("hr:talent_search"), {"min_goals_done": 2})
    assert names(response) == ["agent"]
    assert response.context["page"][0].development_goals_done == 2


def test_name_site_team_and_role_filters_work(client, cast):
    client.force_login(cast.hr.user)
    response = client.get(reverse("hr:talent_search"), {"team": cast.other_team.pk, "role": "agent"})
    assert names(response) == ["other_agent"]
    response = client.get(reverse("hr:talent_search"), {"q": cast.far_agent.user.last_name})
    assert "far_agent" in names(response)


@pytest.mark.parametrize(
    "params", [{"career_interest": "astronaut"}, {"min_tenure": "long"}, {"site": "999999"}]
)
def test_unknown_filter_values_are_a_translated_message(client, cast, params):
    cast.hr.language = "sv"
    cast.hr.save()
    client.force_login(cast.hr.user)
    response = client.get(reverse("hr:talent_search"), params)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Välj ett giltigt alternativ" in html or "Fyll i ett tal" in html


def test_the_csv_holds_the_filtered_pool_and_no_private_note(client, cast):
    wants(cast.agent, "trainer")
    development_goal_done(cast.agent)
    PrivateNoteFactory(conversation=HeldConversationFactory(employee=cast.agent))
    client.force_login(cast.hr.user)
    response = client.get(reverse("hr:talent_export"), {"career_interest": "trainer"})
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode("utf-8-sig").strip().splitlines()
    assert len(lines) == 2 and cast.agent.employee_number in lines[1] and lines[1].endswith(",1")
    assert "SECRET-PRIVATE-NOTE" not in response.content.decode()


@pytest.mark.parametrize("people", [3, 40])
def test_the_search_runs_the_same_queries_whatever_the_pool(client, cast, people, django_assert_num_queries):
    for employee in AgentFactory.create_batch(people, team=cast.team):
        wants(employee, "trainer")
        development_goal_done(employee)
    client.force_login(cast.hr.user)
    with django_assert_num_queries(7):
        response = client.get(reverse("hr:talent_search"), {"career_interest": "trainer"})
    assert response.status_code == 200


def test_text_that_looks_like_a_formula_is_exported_as_text(client, cast):
    cast.agent.title = '=HYPERLINK("http://evil.example")'
    cast.agent.save()
    client.force_login(cast.hr.user)
    lines = client.get(reverse("hr:talent_export"), {"q": cast.agent.user.last_name}).content.decode(
        "utf-8-sig"
    )
    assert "'=HYPERLINK" in lines
