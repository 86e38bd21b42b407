"""Bad, unknown and revoked tokens are refused; errors come in one shape and the caller's language."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone, translation

from api.models import ApiToken, hash_key
from api.services import token_revoke
from api.throttling import CallerRateThrottle
from tests.api.helpers import bearer, ids, personal_key, service_key
from tests.factories import AgentFactory


def test_a_token_is_stored_as_a_hash_only(cast):
    key = personal_key(cast.agent)
    token = ApiToken.objects.get()
    assert token.key_hash == hash_key(key) and key not in (token.key_hash, token.prefix)
    assert key.startswith(token.prefix)


@pytest.mark.parametrize(
    "header",
    ["Bearer smt_not-a-real-token", "Bearer", "Bearer one two", "Bearer sm\u00e5t"],
    ids=["unknown", "empty", "two-parts", "not-ascii"],
)
def test_a_bad_token_is_401(client, cast, header):
    response = client.get(reverse("api:people"), HTTP_AUTHORIZATION=header.encode().decode("latin-1"))
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    assert set(response.json()) == {"detail", "code"}


def test_a_revoked_token_is_401(client, cast):
    key = personal_key(cast.agent)
    assert client.get(reverse("api:people"), **bearer(key)).status_code == 200
    assert token_revoke(token=ApiToken.objects.get(), by=cast.agent.user, now=timezone.now())
    assert client.get(reverse("api:people"), **bearer(key)).status_code == 401


def test_revoking_twice_changes_nothing_the_second_time(cast):
    personal_key(cast.agent)
    token = ApiToken.objects.get()
    assert token_revoke(token=token, by=cast.agent.user, now=timezone.now())
    assert not token_revoke(token=token, by=cast.hr.user, now=timezone.now())
    assert ApiToken.objects.get().revoked_by == cast.agent.user


def test_the_token_of_someone_who_has_left_is_401(client, cast):
    key = personal_key(cast.agent)
    cast.agent.ended_on = timezone.localdate() - datetime.timedelta(days=1)
    cast.agent.save()
    assert client.get(reverse("api:people"), **bearer(key)).status_code == 401


def test_a_service_token_dies_with_its_issuers_login(client, cast):
    key = service_key(cast.hr.user, cast.site)
    cast.hr.user.is_active = False
    cast.hr.user.save()
    assert client.get(reverse("api:people"), **bearer(key)).status_code == 401


def test_no_credentials_is_401_in_the_language_asked_for(client, cast):
    english = client.get(reverse("api:people")).json()["detail"]
    swedish = client.get(reverse("api:people"), HTTP_ACCEPT_LANGUAGE="sv").json()["detail"]
    with translation.override("sv"):
        expected = translation.gettext(
            "Sign in, or send an API token in the header “Authorization: Bearer <key>”."
        )
    assert swedish == expected != english


def test_a_bad_updated_since_is_400_in_the_callers_language(client, cast):
    cast.agent.language = "nb"
    cast.agent.save()
    response = client.get(
        reverse("api:people"), {"updated_since": "yesterday"}, **bearer(personal_key(cast.agent))
    )
    assert response.status_code == 400
    body = response.json()
    with translation.override("nb"):
        assert body["detail"] == translation.gettext("The request is not valid.")
        assert body["fields"] == {"updated_since": [translation.gettext("Enter a valid date/time.")]}
    assert body["code"] == "invalid"


def test_updated_since_lists_only_what_changed_since(client, cast):
    old = AgentFactory(team=cast.team)
    type(old).objects.filter(pk=old.pk).update(updated_at=timezone.now() - datetime.timedelta(days=3))
    fresh = AgentFactory(team=cast.team)
    client.force_login(cast.leader.user)
    since = (timezone.now() - datetime.timedelta(days=1)).isoformat()
    seen = ids(client.get(reverse("api:people"), {"updated_since": since}))
    assert fresh.pk in seen and old.pk not in seen
    assert old.pk in ids(client.get(reverse("api:people")))


def test_too_many_requests_is_429_in_the_callers_language(client, cast, monkeypatch):
    monkeypatch.setattr(CallerRateThrottle, "THROTTLE_RATES", {"caller": "2/minute"})
    cache.clear()
    cast.agent.language = "sv"
    cast.agent.save()
    key = personal_key(cast.agent)
    for _ in range(2):
        assert client.get(reverse("api:people"), **bearer(key)).status_code == 200
    response = client.get(reverse("api:people"), **bearer(key))
    assert response.status_code == 429
    assert response.json()["code"] == "throttled"
    with translation.override("sv"):
        message = translation.gettext("Too many requests: try again in %(seconds)d seconds.")
    assert response.json()["detail"] == message % {"seconds": 60}
    cache.clear()


def test_the_schema_and_its_page_are_served_from_our_own_files(client, cast):
    client.force_login(cast.agent.user)
    schema = client.get(reverse("api:schema"))
    assert schema.status_code == 200 and b"/api/v1/people/" in schema.content
    page = client.get(reverse("api:docs"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "<script>" not in html and "<style>" not in html and "//cdn" not in html
    assert client.get(reverse("api:docs"), {"script": ""}).status_code == 200
