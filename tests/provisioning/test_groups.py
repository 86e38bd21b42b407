"""SCIM Groups are teams: created, renamed, and their members moved in and out (in the position
history), as Entra ID sends it."""

import pytest

from people.models import Employee, PositionChange, Team
from tests.provisioning.helpers import Scim, provisioning_key


@pytest.fixture
def scim(client, cast):
    return Scim(client, provisioning_key(cast.hr.user))


def test_create_a_group_with_members(scim, cast):
    body = {
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
        "displayName": "Mortgages",
        "members": [{"value": str(cast.agent.pk)}],
        "urn:ietf:params:scim:schemas:extension:samtal:2.0:Group": {"site": "Uppsala"},
    }
    response = scim.post("Groups", body)
    assert response.status_code == 201, response.content
    team = Team.objects.get(pk=response.json()["id"])
    assert (team.name, team.site) == ("Mortgages", cast.site)
    cast.agent.refresh_from_db()
    assert cast.agent.team == team
    assert PositionChange.objects.filter(employee=cast.agent, team=team).exists()
    assert scim.get("Groups", filter='displayName eq "mortgages"').json()["Resources"][0]["id"] == str(
        team.pk
    )


def test_patch_members_moves_people_between_teams(scim, cast):
    url = f"Groups/{cast.other_team.pk}"
    added = scim.patch(url, {"op": "Add", "path": "members", "value": [{"value": str(cast.agent.pk)}]})
    assert added.status_code == 200, added.content
    assert str(cast.agent.pk) in {member["value"] for member in added.json()["members"]}
    assert Employee.objects.get(pk=cast.agent.pk).team == cast.other_team
    removed = scim.patch(url, {"op": "Remove", "path": f'members[value eq "{cast.other_agent.pk}"]'})
    assert removed.status_code == 200
    assert Employee.objects.get(pk=cast.other_agent.pk).team is None
    scim.patch(url, {"op": "Remove", "path": "members", "value": [{"value": str(cast.agent.pk)}]})
    assert Employee.objects.get(pk=cast.agent.pk).team is None


def test_a_member_at_another_site_moves_there(scim, cast):
    scim.patch(
        f"Groups/{cast.far_team.pk}",
        {"op": "Add", "path": "members", "value": [{"value": str(cast.agent.pk)}]},
    )
    agent = Employee.objects.get(pk=cast.agent.pk)
    assert (agent.team, agent.site) == (cast.far_team, cast.other_site)


def test_rename_and_unknown_members(scim, cast):
    url = f"Groups/{cast.team.pk}"
    renamed = scim.patch(url, {"op": "Replace", "path": "displayName", "value": "Cards and payments"})
    assert renamed.json()["displayName"] == "Cards and payments"
    unknown = scim.patch(url, {"op": "Add", "path": "members", "value": [{"value": "999999"}]})
    assert unknown.status_code == 400
    duplicate = scim.patch(url, {"op": "Replace", "path": "displayName", "value": "Loans"})
    assert duplicate.status_code == 409
    assert Team.objects.get(pk=cast.team.pk).name == "Cards and payments"


def test_delete_group_keeps_the_team_and_its_history(scim, cast):
    assert scim.delete(f"Groups/{cast.team.pk}").status_code == 204
    assert Team.objects.filter(pk=cast.team.pk).exists()
    assert not Employee.objects.filter(team=cast.team).exists()


@pytest.mark.parametrize("extra_people", [0, 30])
def test_a_group_costs_the_same_queries_whatever_its_size(
    scim, cast, extra_people, django_assert_max_num_queries
):
    from tests.factories import AgentFactory

    AgentFactory.create_batch(extra_people, team=cast.team)
    with django_assert_max_num_queries(6):
        group = scim.get(f"Groups/{cast.team.pk}").json()
    assert len(group["members"]) == Employee.objects.filter(team=cast.team).count()
    with django_assert_max_num_queries(6):
        assert scim.get("Groups").json()["totalResults"] == Team.objects.count()
