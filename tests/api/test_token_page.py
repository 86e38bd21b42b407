"""A person issues and revokes their own tokens; HR and administrators issue service tokens in the admin."""

import pytest
from django.urls import reverse

from api.models import ApiToken
from tests.api.helpers import bearer, personal_key


def test_issuing_a_token_shows_its_key_once(client, cast):
    client.force_login(cast.agent.user)
    response = client.post(reverse("api:my_tokens"), {"name": "My spreadsheet"})
    assert response.status_code == 200
    key = response.context["new_key"]
    token = ApiToken.objects.get(user=cast.agent.user)
    assert token.kind == ApiToken.Kind.PERSONAL and key.encode() in response.content
    assert client.get(reverse("api:people"), **bearer(key)).status_code == 200
    assert key.encode() not in client.get(reverse("api:my_tokens")).content


def test_a_token_needs_a_name(client, cast):
    client.force_login(cast.agent.user)
    response = client.post(reverse("api:my_tokens"), {"name": ""})
    assert response.status_code == 200 and response.context["form"].errors
    assert not ApiToken.objects.exists()


def test_revoking_a_token_from_the_page(client, cast):
    key = personal_key(cast.agent)
    client.force_login(cast.agent.user)
    token = ApiToken.objects.get()
    assert client.post(reverse("api:token_revoke", args=[token.pk])).status_code == 302
    assert client.get(reverse("api:people"), **bearer(key)).status_code == 401
    client.post(reverse("api:token_revoke", args=[token.pk]))  # a second click changes nothing
    assert ApiToken.objects.get().revoked_by == cast.agent.user


@pytest.mark.parametrize("role", ["teammate", "leader", "hr"])
def test_nobody_revokes_someone_elses_token_from_the_page(client, cast, role):
    personal_key(cast.agent)
    client.force_login(getattr(cast, role).user)
    assert client.post(reverse("api:token_revoke", args=[ApiToken.objects.get().pk])).status_code == 404
    assert ApiToken.objects.get().revoked_at is None


def test_the_admin_issues_a_service_token_and_shows_its_key_once(client, cast):
    client.force_login(cast.superuser)
    response = client.post(
        reverse("admin:api_apitoken_add"),
        {"name": "Workday sync", "kind": "service", "user": cast.hr.user.pk, "sites": [cast.site.pk]},
        follow=True,
    )
    token = ApiToken.objects.get()
    shown = [str(message) for message in response.context["messages"]]
    key = next(message.rsplit(" ", 1)[1] for message in shown if token.prefix in message)
    assert list(token.sites.all()) == [cast.site]
    assert client.get(reverse("api:teams"), **bearer(key)).status_code == 200


@pytest.mark.parametrize(
    ("kind", "owner", "sites"),
    [("service", "hr", []), ("personal", "agent", ["site"]), ("service", "agent", ["site"])],
    ids=["service-without-sites", "personal-with-sites", "service-owned-by-an-agent"],
)
def test_the_admin_refuses_a_token_that_does_not_fit_its_kind(client, cast, kind, owner, sites):
    client.force_login(cast.superuser)
    data = {
        "name": "x",
        "kind": kind,
        "user": getattr(cast, owner).user.pk,
        "sites": [getattr(cast, s).pk for s in sites],
    }
    response = client.post(reverse("admin:api_apitoken_add"), data)
    assert response.status_code == 200 and response.context["adminform"].form.errors
    assert not ApiToken.objects.exists()


def test_the_admin_revokes_tokens_with_an_action(client, cast):
    key = personal_key(cast.agent)
    client.force_login(cast.superuser)
    client.post(
        reverse("admin:api_apitoken_changelist"),
        {"action": "revoke", "_selected_action": [ApiToken.objects.get().pk]},
    )
    assert ApiToken.objects.get().revoked_by == cast.superuser
    assert client.get(reverse("api:people"), **bearer(key)).status_code == 401
