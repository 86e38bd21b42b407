"""Identity providers retry and run requests in parallel: the same person created twice at once is
created once (the other request gets 409), and two membership changes of one team both land."""

import pytest
from django.test import Client

from people.models import Employee
from tests.conftest import build_cast
from tests.provisioning.helpers import SAMTAL, Scim, provisioning_key, user_body
from tests.races import race, racing

pytestmark = racing


@pytest.fixture
def cast():
    return build_cast()


def test_the_same_person_posted_twice_at_once_is_created_once(cast):
    key = provisioning_key(cast.hr.user)
    body = user_body(**{SAMTAL: {"site": "Uppsala"}})
    statuses = race(
        lambda: Scim(Client(), key).post("Users", body).status_code,
        lambda: Scim(Client(), key).post("Users", body).status_code,
    )
    assert sorted(statuses) == [201, 409]
    assert Employee.objects.filter(employee_number="S1001").count() == 1


def test_two_members_added_to_one_team_at_once_both_join(cast):
    key = provisioning_key(cast.hr.user)
    url = f"Groups/{cast.other_team.pk}"

    def add(employee):
        operation = {"op": "Add", "path": "members", "value": [{"value": str(employee.pk)}]}
        return Scim(Client(), key).patch(url, operation).status_code

    assert race(lambda: add(cast.agent), lambda: add(cast.teammate)) == [200, 200]
    assert set(Employee.objects.filter(team=cast.other_team)) >= {cast.agent, cast.teammate}
