"""A page of API results costs the same number of queries whatever the number of rows."""

import pytest
from django.urls import reverse

from tests.api.helpers import bearer, personal_key, service_key
from tests.coaching.factories import ConversationFactory
from tests.factories import AgentFactory, TeamFactory
from tests.goals.factories import GoalFactory


def seed(cast, people):
    for agent in AgentFactory.create_batch(people, team=cast.team):
        ConversationFactory(employee=agent)
        GoalFactory(employee=agent)
    TeamFactory.create_batch(people // 3, site=cast.site)


@pytest.mark.parametrize("people", [3, 30])
@pytest.mark.parametrize("name", ["api:people", "api:teams", "api:conversations", "api:goals"])
def test_a_page_for_a_session_costs_constant_queries(client, cast, people, name, django_assert_num_queries):
    seed(cast, people)
    client.force_login(cast.leader.user)
    # session, user, employee (middleware), count, page
    with django_assert_num_queries(5):
        assert client.get(reverse(name)).status_code == 200


@pytest.mark.parametrize("people", [3, 30])
@pytest.mark.parametrize("name", ["api:people", "api:teams", "api:conversations", "api:goals"])
def test_a_page_for_a_token_costs_constant_queries(client, cast, people, name, django_assert_num_queries):
    seed(cast, people)
    personal, service = personal_key(cast.leader), service_key(cast.hr.user, cast.site)
    # token with its owner, count, page
    for key in (personal, service):
        with django_assert_num_queries(3):
            assert client.get(reverse(name), **bearer(key)).status_code == 200
