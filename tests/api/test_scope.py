"""The API answers what its caller may see in the app: a personal token or a session sees what its
person sees; a service token sees its sites only; whatever is out of scope is 404."""

import pytest
from django.urls import reverse

from tests.api.helpers import bearer, ids, personal_key, service_key
from tests.coaching.factories import ConversationFactory
from tests.goals.factories import GoalFactory

LISTS = ["api:people", "api:conversations", "api:goals"]


@pytest.fixture
def records(cast):
    """A conversation and a goal for every agent of the cast."""
    for agent in (cast.agent, cast.teammate, cast.other_agent, cast.far_agent):
        ConversationFactory(employee=agent)
        GoalFactory(employee=agent)
    return cast


def employees_in(name, response):
    rows = response.json()["results"]
    return {row["id"] for row in rows} if name == "api:people" else {row["employee"] for row in rows}


@pytest.mark.parametrize("name", LISTS)
def test_an_agents_token_sees_only_their_own_records(client, records, name):
    response = client.get(reverse(name), **bearer(personal_key(records.agent)))
    assert response.status_code == 200
    assert employees_in(name, response) == {records.agent.pk}


@pytest.mark.parametrize("name", LISTS)
def test_a_leader_sees_their_team_and_not_another_team(client, records, name):
    client.force_login(records.leader.user)
    response = client.get(reverse(name))
    seen = employees_in(name, response)
    assert {records.agent.pk, records.teammate.pk} <= seen
    assert not seen & {records.other_agent.pk, records.far_agent.pk}


def test_an_agent_cannot_read_another_agent(client, records):
    key = personal_key(records.agent)
    assert client.get(reverse("api:person", args=[records.teammate.pk]), **bearer(key)).status_code == 404
    goal = records.teammate.goals.get()
    assert client.get(reverse("api:goal", args=[goal.pk]), **bearer(key)).status_code == 404
    conversation = records.teammate.conversations.get()
    assert client.get(reverse("api:conversation", args=[conversation.pk]), **bearer(key)).status_code == 404


def test_a_leader_cannot_read_another_teams_records(client, records):
    client.force_login(records.leader.user)
    conversation = records.other_agent.conversations.get()
    assert client.get(reverse("api:conversation", args=[conversation.pk])).status_code == 404
    assert client.get(reverse("api:person", args=[records.other_agent.pk])).status_code == 404
    assert client.get(reverse("api:team", args=[records.other_team.pk])).status_code == 404
    assert client.get(reverse("api:team", args=[records.team.pk])).status_code == 200


def test_a_service_token_sees_its_sites_only(client, records):
    key = service_key(records.hr.user, records.other_site)
    assert ids(client.get(reverse("api:teams"), **bearer(key))) == {records.far_team.pk}
    people = ids(client.get(reverse("api:people"), **bearer(key)))
    assert records.far_agent.pk in people and records.agent.pk not in people
    goals = client.get(reverse("api:goals"), **bearer(key)).json()["results"]
    assert {goal["employee"] for goal in goals} == {records.far_agent.pk}
    assert client.get(reverse("api:person", args=[records.agent.pk]), **bearer(key)).status_code == 404


def test_a_service_token_only_reads(client, records):
    key = service_key(records.hr.user, records.site)
    assert client.post(reverse("api:people"), {}, **bearer(key)).status_code in (403, 405)
    assert client.delete(reverse("api:person", args=[records.agent.pk]), **bearer(key)).status_code in (
        403,
        405,
    )


def test_conversations_carry_no_notes(client, records):
    conversation = records.agent.conversations.get()
    conversation.shared_notes = "Talked about the queue"
    conversation.wellbeing_comment = "Tired"
    conversation.save()
    client.force_login(records.leader.user)
    body = client.get(reverse("api:conversation", args=[conversation.pk])).content.decode()
    assert "queue" not in body and "Tired" not in body
    assert set(client.get(reverse("api:conversation", args=[conversation.pk])).json()) >= {
        "scheduled_at",
        "type",
        "status",
    }


def test_a_login_without_an_employee_record_sees_nobody(client, records):
    client.force_login(records.no_employee)
    assert ids(client.get(reverse("api:people"))) == set()
