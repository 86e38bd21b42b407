"""SCIM Users: created, read, listed, filtered, replaced, patched and deactivated as employees."""

import zoneinfo

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from people.models import Employee, PositionChange
from sso.models import PROVISIONING_ISSUER, ExternalIdentity
from tests.factories import PASSWORD, AgentFactory
from tests.provisioning.helpers import ENTERPRISE, SAMTAL, Scim, provisioning_key, user_body


@pytest.fixture
def scim(client, cast):
    return Scim(client, provisioning_key(cast.hr.user))


def create(scim, **kwargs):
    response = scim.post("Users", user_body(**kwargs))
    assert response.status_code == 201, response.content
    return response.json()


def site_today():
    return timezone.localdate(timezone.now(), zoneinfo.ZoneInfo("Europe/Stockholm"))  # Uppsala's zone


@pytest.mark.clock
def test_create_makes_an_employee_with_a_login_without_password(scim, cast):
    created = create(scim, **{SAMTAL: {"site": "Uppsala", "team": "Cards"}})
    employee = Employee.objects.select_related("user").get(pk=created["id"])
    assert employee.user.username == "ada@bank.example" and employee.user.email == "ada@bank.example"
    assert employee.user.get_full_name() == "Ada Lind" and not employee.user.has_usable_password()
    assert (employee.employee_number, employee.title, employee.site, employee.team) == (
        "S1001",
        "Customer advisor",
        cast.site,
        cast.team,
    )
    assert employee.started_on == site_today()
    assert ExternalIdentity.objects.get(user=employee.user, issuer=PROVISIONING_ISSUER).subject == "0f8c-ada"
    assert PositionChange.objects.filter(employee=employee).count() == 1
    assert created["active"] is True and created[ENTERPRISE] == {"employeeNumber": "S1001"}
    assert created["meta"]["location"].endswith(f"/scim/v2/Users/{employee.pk}")


def test_get_and_list(scim, cast):
    created = create(scim, **{SAMTAL: {"site": "Uppsala"}})
    one = scim.get(f"Users/{created['id']}")
    assert one.status_code == 200 and one.json()["userName"] == "ada@bank.example"
    assert one["Content-Type"] == "application/scim+json"
    listed = scim.get("Users", startIndex=1, count=5).json()
    assert listed["totalResults"] == Employee.objects.count() and listed["itemsPerPage"] == 5
    assert scim.get("Users/999999").status_code == 404
    assert scim.get("Users/not-a-number").status_code == 404


@pytest.mark.parametrize(
    "filter_query",
    [
        'userName eq "ADA@bank.example"',
        'externalId eq "0f8c-ada"',
        'emails.value eq "ada@bank.example"',
        f'{ENTERPRISE}:employeeNumber eq "S1001"',
        'userName eq "ada@bank.example" and externalId eq "0f8c-ada"',
    ],
)
def test_filters_find_the_person(scim, cast, filter_query):
    created = create(scim, **{SAMTAL: {"site": "Uppsala"}})
    found = scim.get("Users", filter=filter_query).json()
    assert found["totalResults"] == 1 and found["Resources"][0]["id"] == created["id"]


def test_a_filter_that_matches_nobody_and_an_unsupported_one(scim, cast):
    assert scim.get("Users", filter='userName eq "nobody"').json()["totalResults"] == 0
    refused = scim.get("Users", filter='userName sw "a"')
    assert refused.status_code == 400 and refused.json()["scimType"] == "invalidFilter"


def test_put_replaces_names_title_and_site(scim, cast):
    created = create(scim, **{SAMTAL: {"site": "Uppsala", "team": "Cards"}})
    body = user_body(
        user_name="ada.lind@bank.example",
        number="S1001",
        title="Senior advisor",
        name={"givenName": "Ada", "familyName": "Berg"},
        **{SAMTAL: {"site": "Oslo", "team": "Savings"}},
    )
    response = scim.put(f"Users/{created['id']}", body)
    assert response.status_code == 200, response.content
    employee = Employee.objects.select_related("user").get(pk=created["id"])
    assert employee.user.username == "ada.lind@bank.example" and employee.user.last_name == "Berg"
    assert (employee.title, employee.site, employee.team) == (
        "Senior advisor",
        cast.other_site,
        cast.far_team,
    )
    assert PositionChange.objects.filter(employee=employee).count() == 2


def test_patch_as_entra_sends_it(scim, cast):
    created = create(scim, **{SAMTAL: {"site": "Uppsala"}})
    response = scim.patch(
        f"Users/{created['id']}",
        {"op": "Replace", "path": "title", "value": "Team coach"},
        {"op": "Replace", "path": 'emails[type eq "work"].value', "value": "ada.lind@bank.example"},
        {"op": "Add", "path": "name.familyName", "value": "Berg"},
        {"op": "Replace", "path": f"{ENTERPRISE}:employeeNumber", "value": "S2002"},
        {"op": "Replace", "value": {"externalId": "new-oid", "name.givenName": "Adele"}},
    )
    assert response.status_code == 200, response.content
    employee = Employee.objects.select_related("user").get(pk=created["id"])
    assert (employee.title, employee.employee_number) == ("Team coach", "S2002")
    assert (employee.user.email, employee.user.get_full_name()) == ("ada.lind@bank.example", "Adele Berg")
    assert ExternalIdentity.objects.get(user=employee.user, issuer=PROVISIONING_ISSUER).subject == "new-oid"


@pytest.mark.clock
@pytest.mark.parametrize("value", [False, "False"], ids=["boolean", "entra-string"])
def test_patch_active_false_deactivates_and_keeps_history(scim, cast, client, value):
    created = create(scim, **{SAMTAL: {"site": "Uppsala", "team": "Cards"}})
    response = scim.patch(f"Users/{created['id']}", {"op": "Replace", "path": "active", "value": value})
    assert response.status_code == 200 and response.json()["active"] is False
    employee = Employee.objects.select_related("user").get(pk=created["id"])
    assert not employee.user.is_active and employee.ended_on == site_today()
    assert employee.team == cast.team and PositionChange.objects.filter(employee=employee).exists()
    back = scim.patch(f"Users/{created['id']}", {"op": "Replace", "path": "active", "value": True})
    assert back.json()["active"] is True
    employee.refresh_from_db()
    assert employee.ended_on is None


def test_delete_only_deactivates(scim, cast, client):
    agent = AgentFactory(team=cast.team, user__username="leaving")
    assert scim.delete(f"Users/{agent.pk}").status_code == 204
    agent.refresh_from_db()
    agent.user.refresh_from_db()
    assert not agent.user.is_active and agent.ended_on is not None and agent.team == cast.team
    login = client.post(reverse("login"), {"username": "leaving", "password": PASSWORD})
    assert login.status_code == 200 and "_auth_user_id" not in client.session
    assert scim.delete(f"Users/{agent.pk}").status_code == 204  # repeated: nothing more changes
    assert Employee.objects.filter(pk=agent.pk).exists() and get_user_model().objects.filter(pk=agent.user_id)


@pytest.mark.parametrize("extra_people", [0, 30])
def test_a_page_of_users_costs_the_same_queries_whatever_its_size(
    scim, cast, extra_people, django_assert_max_num_queries
):
    AgentFactory.create_batch(extra_people, team=cast.team)
    with django_assert_max_num_queries(7):  # token, count, page, identities: no query per person
        listed = scim.get("Users", count=100)
    assert listed.json()["itemsPerPage"] == Employee.objects.count()


@pytest.mark.parametrize("path", ["ServiceProviderConfig", "ResourceTypes", "Schemas", "ResourceTypes/User"])
def test_the_discovery_documents(scim, path):
    response = scim.get(path)
    assert response.status_code == 200 and response["Content-Type"] == "application/scim+json"


def test_the_service_provider_config_tells_what_samtal_supports(scim):
    config = scim.get("ServiceProviderConfig").json()
    assert config["patch"]["supported"] and config["filter"]["supported"] and not config["bulk"]["supported"]
    assert config["authenticationSchemes"][0]["type"] == "oauthbearertoken"


def test_bulk_and_me_are_not_implemented(scim):
    assert scim.get("Bulk").status_code == 501 and scim.get("Me").status_code == 501
