"""HR's page of API tokens: issue service and provisioning tokens (key shown once), see and revoke
any token; nobody else reaches it."""

import pytest
from django.urls import reverse
from django.utils import timezone

from api.models import ApiToken
from api.services import token_revoke
from tests.api.helpers import personal_key, service_key
from tests.provisioning.helpers import Scim

PAGE = "api:integration_tokens"


def test_hr_issues_a_service_token_for_chosen_sites(client, cast):
    client.force_login(cast.hr.user)
    response = client.post(
        reverse(PAGE), {"name": "Data warehouse", "kind": "service", "sites": [cast.site.pk]}
    )
    assert response.status_code == 200
    token = ApiToken.objects.get()
    assert (token.kind, token.user, list(token.sites.all())) == ("service", cast.hr.user, [cast.site])
    key = response.context["new_key"]
    assert key.startswith(token.prefix) and key.encode() in response.content
    assert key.encode() not in client.get(reverse(PAGE)).content  # shown once


def test_hr_issues_a_provisioning_token_that_reaches_scim(client, cast):
    client.force_login(cast.hr.user)
    response = client.post(reverse(PAGE), {"name": "Entra ID", "kind": "provisioning"})
    token = ApiToken.objects.get()
    assert token.kind == ApiToken.Kind.PROVISIONING and not token.sites.exists()
    client.logout()
    assert Scim(client, response.context["new_key"]).get("Users").status_code == 200


@pytest.mark.parametrize(
    "data",
    [
        {"name": "Warehouse", "kind": "service"},
        {"name": "Entra ID", "kind": "provisioning", "sites": ["SITE"]},
        {"name": "", "kind": "provisioning"},
        {"name": "Root", "kind": "personal"},
    ],
    ids=["service-without-sites", "provisioning-with-sites", "no-name", "not-a-kind-for-this-page"],
)
def test_a_bad_form_issues_nothing(client, cast, data):
    client.force_login(cast.hr.user)
    data = {**data, "sites": [cast.site.pk] if data.get("sites") else []}
    response = client.post(reverse(PAGE), data)
    assert response.status_code == 200 and response.context["form"].errors
    assert not ApiToken.objects.exists()


def test_the_page_lists_every_token_and_a_revoke_happens_once(client, cast):
    personal_key(cast.agent)
    service_key(cast.hr.user, cast.site)
    client.force_login(cast.hr.user)
    listed = client.get(reverse(PAGE))
    assert [token.kind for token in listed.context["page"]] == ["service", "personal"]
    agents = ApiToken.objects.get(kind="personal")
    url = reverse("api:integration_token_revoke", args=[agents.pk])
    first = client.post(url, follow=True)
    assert "revoked" in first.content.decode()
    second = client.post(url, follow=True)
    assert "already revoked" in second.content.decode()
    agents.refresh_from_db()
    assert agents.revoked_at is not None and agents.revoked_by == cast.hr.user
    assert [token.kind for token in client.get(reverse(PAGE)).context["page"]] == ["service", "personal"]


@pytest.mark.parametrize("viewer", ["agent", "leader", "manager", "trainer"])
def test_nobody_but_hr_reaches_the_page_or_revokes(client, cast, viewer):
    service_key(cast.hr.user, cast.site)
    token = ApiToken.objects.get()
    client.force_login(getattr(cast, viewer).user)
    assert client.get(reverse(PAGE)).status_code == 403
    assert client.post(reverse("api:integration_token_revoke", args=[token.pk])).status_code == 403
    assert ApiToken.objects.active().count() == 1


def test_an_administrator_without_an_employee_record_uses_the_page(client, cast):
    client.force_login(cast.superuser)
    response = client.post(reverse(PAGE), {"name": "Okta", "kind": "provisioning"})
    assert response.status_code == 200 and ApiToken.objects.get().user == cast.superuser


def test_an_unknown_token_is_404(client, cast):
    client.force_login(cast.hr.user)
    assert client.post(reverse("api:integration_token_revoke", args=[999999])).status_code == 404


def test_personal_tokens_page_still_only_shows_ones_own(client, cast):
    service_key(cast.hr.user, cast.site)
    client.force_login(cast.hr.user)
    assert list(client.get(reverse("api:my_tokens")).context["tokens"]) == []


@pytest.mark.parametrize("count", [1, 20])
def test_query_count_does_not_grow_with_the_tokens(client, cast, count, django_assert_max_num_queries):
    for _ in range(count):
        service_key(cast.hr.user, cast.site, cast.other_site)
        token_revoke(
            token=ApiToken.objects.filter(kind="service").last(), by=cast.hr.user, now=timezone.now()
        )
    client.force_login(cast.hr.user)
    with django_assert_max_num_queries(10):  # the same at both sizes: no query per token
        assert client.get(reverse(PAGE)).status_code == 200
