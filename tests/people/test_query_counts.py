"""The people pages run the same number of queries whatever the number of people."""

import pytest
from django.urls import reverse

from tests.factories import AgentFactory, PositionChangeFactory, TeamFactory


@pytest.mark.parametrize("team_size", [3, 40])
def test_roster_query_count_is_constant(client, cast, team_size, django_assert_num_queries):
    AgentFactory.create_batch(team_size, team=cast.team)
    client.force_login(cast.leader.user)
    with django_assert_num_queries(6):
        assert client.get(reverse("people:roster")).status_code == 200


@pytest.mark.parametrize("people", [5, 60])
def test_directory_query_count_is_constant(client, cast, people, django_assert_num_queries):
    for team in TeamFactory.create_batch(3, site=cast.site):
        AgentFactory.create_batch(people // 3, team=team)
    client.force_login(cast.hr.user)
    with django_assert_num_queries(6):  # the team filter lists no teams (a search fills it)
        assert client.get(reverse("people:directory")).status_code == 200


@pytest.mark.parametrize("changes", [1, 25])
def test_employee_detail_query_count_is_constant(client, cast, changes, django_assert_num_queries):
    PositionChangeFactory.create_batch(changes, employee=cast.agent)
    client.force_login(cast.leader.user)
    with django_assert_num_queries(7):  # 6 to read, 1 access-log row
        assert client.get(cast.agent.get_absolute_url()).status_code == 200
