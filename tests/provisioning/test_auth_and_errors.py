"""Only an active provisioning token reaches /scim/v2/, and it reaches nothing else; bad bodies are
refused with a SCIM error and leave nothing half-saved."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone, translation

from api.models import ApiToken
from api.services import token_issue, token_revoke
from people.models import Employee
from tests.api.helpers import personal_key, service_key
from tests.provisioning.helpers import ENTERPRISE, SAMTAL, Scim, provisioning_key, user_body


def assert_scim_error(response, status):
    assert response.status_code == status, response.content
    body = response.json()
    assert body["schemas"] == ["urn:ietf:params:scim:api:messages:2.0:Error"] and body["detail"]
    return body


@pytest.mark.parametrize("header", [None, "Bearer smt_unknown", "Basic dXNlcjpwYXNz", "Bearer"])
def test_no_or_a_bad_token_is_401(client, cast, header):
    extra = {"HTTP_AUTHORIZATION": header} if header else {}
    response = client.get("/scim/v2/Users", **extra)
    assert_scim_error(response, 401)
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_session_is_not_enough(client, cast):
    client.force_login(cast.hr.user)
    assert_scim_error(client.get("/scim/v2/Users"), 401)


def test_personal_and_service_tokens_do_not_reach_scim(client, cast):
    for key in (personal_key(cast.hr), service_key(cast.hr.user, cast.site)):
        assert_scim_error(Scim(client, key).get("Users"), 401)


def test_a_provisioning_token_does_not_read_the_api(client, cast):
    key = provisioning_key(cast.hr.user)
    assert client.get(reverse("api:people"), HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401


def test_a_revoked_token_is_401(client, cast):
    key = provisioning_key(cast.hr.user)
    scim = Scim(client, key)
    assert scim.get("Users").status_code == 200
    assert token_revoke(token=ApiToken.objects.get(), by=cast.hr.user, now=timezone.now())
    assert_scim_error(scim.get("Users"), 401)


def test_a_token_whose_owner_left_is_401(client, cast):
    scim = Scim(client, provisioning_key(cast.hr.user))
    get_user_model().objects.filter(pk=cast.hr.user_id).update(is_active=False)
    assert_scim_error(scim.get("Users"), 401)


def test_only_hr_or_an_administrator_answers_for_a_provisioning_token(cast):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        token_issue(user=cast.leader.user, name="Entra ID", kind=ApiToken.Kind.PROVISIONING)
    assert token_issue(user=cast.superuser, name="Entra ID", kind=ApiToken.Kind.PROVISIONING)[1]


@pytest.fixture
def scim(client, cast):
    return Scim(client, provisioning_key(cast.hr.user))


@pytest.mark.parametrize(
    ("body", "status", "words"),
    [
        ("{not json", 400, "JSON object"),
        (user_body(userName=""), 400, "userName"),
        (user_body(**{ENTERPRISE: {}}), 400, "employee number"),
        (user_body(**{SAMTAL: {"site": "Uppsala", "team": "Nowhere"}}), 400, "Nowhere"),
        (user_body(**{SAMTAL: {"site": "Atlantis"}}), 400, "Atlantis"),
        (user_body(emails=[{"value": "not-an-address", "primary": True}]), 400, "not-an-address"),
        (user_body(active="maybe"), 400, "active"),
        (user_body(name="Ada"), 400, "name"),
        (user_body(user_name="agent", emails=[{"value": "ada@bank.example"}]), 409, "agent"),
        (user_body(number="TAKEN"), 409, "TAKEN"),
    ],
    ids=[
        "malformed-json",
        "no-user-name",
        "no-employee-number",
        "unknown-team",
        "unknown-site",
        "bad-email",
        "bad-active",
        "bad-name",
        "duplicate-user-name",
        "duplicate-employee-number",
    ],
)
def test_a_bad_body_is_refused_and_saves_nothing(scim, cast, body, status, words):
    Employee.objects.filter(pk=cast.agent.pk).update(employee_number="TAKEN")
    if isinstance(body, dict) and SAMTAL not in body:
        body[SAMTAL] = {"site": "Uppsala"}
    people, logins = Employee.objects.count(), get_user_model().objects.count()
    error = assert_scim_error(scim.post("Users", body), status)
    assert words in error["detail"]
    assert (Employee.objects.count(), get_user_model().objects.count()) == (people, logins)


def test_without_a_site_and_with_two_sites_the_request_says_what_to_do(scim, cast):
    error = assert_scim_error(scim.post("Users", user_body()), 400)
    assert "SCIM_DEFAULT_SITE" in error["detail"]


def test_the_default_site_setting(scim, cast, settings):
    settings.SCIM_DEFAULT_SITE = "Oslo"
    created = scim.post("Users", user_body())
    assert created.status_code == 201 and created.json()[SAMTAL]["site"] == "Oslo"


def test_a_refused_replace_changes_nothing(scim, cast):
    before = (cast.agent.title, cast.agent.user.username)
    body = user_body(user_name="renamed", number=cast.agent.employee_number, title="New title")
    body[SAMTAL] = {"team": "Nowhere"}
    assert_scim_error(scim.put(f"Users/{cast.agent.pk}", body), 400)
    cast.agent.refresh_from_db()
    cast.agent.user.refresh_from_db()
    assert (cast.agent.title, cast.agent.user.username) == before


def test_a_bad_patch_is_400(scim, cast):
    url = f"Users/{cast.agent.pk}"
    assert_scim_error(scim.patch(url, {"op": "Shuffle", "path": "title", "value": "x"}), 400)
    assert_scim_error(scim.patch(url, {"op": "Remove"}), 400)
    assert_scim_error(scim.patch(url, {"op": "Replace", "path": "title[[", "value": "x"}), 400)
    assert_scim_error(scim.send("patch", url, {"Operations": "all of them"}), 400)


def test_errors_are_in_the_callers_language(scim, cast):
    response = scim.client.post(
        "/scim/v2/Users",
        '{"userName": ""}',
        content_type="application/scim+json",
        HTTP_ACCEPT_LANGUAGE="sv",
        **scim.headers,
    )
    with translation.override("sv"):
        assert assert_scim_error(response, 400)["detail"] == translation.gettext("userName is missing.")


def test_hostile_ids_and_bodies_are_clear_answers(scim, cast):
    huge = "9" * 30
    assert_scim_error(scim.get(f"Users/{huge}"), 404)
    assert scim.get("Users", filter=f'id eq "{huge}"').json()["totalResults"] == 0
    members = {"op": "Add", "path": "members", "value": [{"value": huge}]}
    assert_scim_error(scim.patch(f"Groups/{cast.team.pk}", members), 400)
    assert_scim_error(scim.send("post", "Users", b"\xff\xfe"), 400)
    assert_scim_error(scim.send("post", "Users", "[1, 2]"), 400)
    assert_scim_error(scim.send("patch", f"Users/{cast.agent.pk}", "[1, 2]"), 400)
