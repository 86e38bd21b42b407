"""Single sign-on through a real OpenID Connect exchange with the test provider (tests/sso/provider.py)."""

import time

import pytest
import requests
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from sso.models import ExternalIdentity
from sso.views import REASONS
from tests.factories import PASSWORD
from tests.sso.provider import CLIENT_ID, CLIENT_SECRET, Provider


@pytest.fixture
def provider(httpserver, settings):
    cache.clear()  # the discovery document is cached
    idp = Provider(httpserver)
    settings.OIDC_ISSUER = idp.issuer
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    yield idp
    cache.clear()


def sign_in(client, provider, **claims):
    """Start at Samtal, let the provider sign `claims` in, and come back with its answer."""
    provider.person = claims
    start = client.get(reverse("sso:sign_in"))
    assert start.status_code == 302 and start.url.startswith(f"{provider.issuer}/authorize?")
    answer = requests.get(start.url, allow_redirects=False, timeout=5)
    callback = answer.headers["Location"]
    return client.get(callback), callback


def signed_in_user(client):
    return get_user_model().objects.filter(pk=client.session.get("_auth_user_id")).first()


def assert_refused(response, reason, client):
    assert response.status_code == 403
    assert escape(str(REASONS[reason])) in response.content.decode()
    assert signed_in_user(client) is None


def test_first_sign_in_links_by_email_and_later_ones_by_the_stable_id(client, cast, provider):
    response, _callback = sign_in(client, provider, sub="entra-agent", email=cast.agent.user.email.upper())
    assert response.status_code == 302 and response.url == reverse("home")
    assert signed_in_user(client) == cast.agent.user
    identity = ExternalIdentity.objects.get()
    assert (identity.user, identity.issuer, identity.subject) == (
        cast.agent.user,
        provider.issuer,
        "entra-agent",
    )

    client.post(reverse("logout"))
    response, _callback = sign_in(client, provider, sub="entra-agent", email="new.name@bank.example")
    assert response.status_code == 302 and signed_in_user(client) == cast.agent.user


def test_the_stable_id_can_be_another_claim(client, cast, provider, settings):
    settings.OIDC_SUBJECT_CLAIM = "oid"
    sign_in(client, provider, sub="pairwise-1", oid="object-1", email=cast.agent.user.email)
    assert ExternalIdentity.objects.get().subject == "object-1"


def test_a_display_name_is_never_matched(client, cast, provider):
    response, _callback = sign_in(
        client, provider, sub="x1", email="stranger@else.example", name=cast.agent.full_name
    )
    assert_refused(response, "unknown", client)


def test_someone_elses_account_with_the_same_email_does_not_take_over_a_linked_person(client, cast, provider):
    sign_in(client, provider, sub="entra-agent", email=cast.agent.user.email)
    client.post(reverse("logout"))
    response, _callback = sign_in(client, provider, sub="entra-intruder", email=cast.agent.user.email)
    assert_refused(response, "unknown", client)


def test_an_unverified_email_links_no_one(client, cast, provider):
    response, _callback = sign_in(
        client, provider, sub="k1", email=cast.agent.user.email, email_verified=False
    )
    assert_refused(response, "unknown", client)


def test_a_person_whose_employment_has_ended_cannot_sign_in(client, cast, provider):
    cast.agent.ended_on = timezone.localdate() - timezone.timedelta(days=1)
    cast.agent.save()
    response, _callback = sign_in(client, provider, sub="entra-agent", email=cast.agent.user.email)
    assert_refused(response, "ended", client)


def test_a_switched_off_login_cannot_sign_in(client, cast, provider):
    cast.agent.user.is_active = False
    cast.agent.user.save()
    response, _callback = sign_in(client, provider, sub="entra-agent", email=cast.agent.user.email)
    assert_refused(response, "ended", client)


def test_a_login_without_an_employee_record_cannot_sign_in(client, cast, provider):
    response, _callback = sign_in(client, provider, sub="admin-1", email=cast.superuser.email)
    assert_refused(response, "unknown", client)


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"aud": "another-application"}, "audience"),
        ({"iss": "https://evil.example/idp"}, "issuer"),
        ({"exp": int(time.time()) - 600, "iat": int(time.time()) - 900}, "expired"),
        ({"nonce": "not-the-one-sent"}, "token"),
    ],
    ids=["wrong-audience", "wrong-issuer", "expired", "wrong-nonce"],
)
def test_an_id_token_that_does_not_check_out_is_refused(client, cast, provider, change, reason):
    provider.changes = change
    response, _callback = sign_in(client, provider, sub="entra-agent", email=cast.agent.user.email)
    assert_refused(response, reason, client)
    assert not ExternalIdentity.objects.exists()


def test_a_tampered_id_token_is_refused(client, cast, provider):
    provider.tamper = True
    response, _callback = sign_in(client, provider, sub="entra-agent", email=cast.agent.user.email)
    assert_refused(response, "token", client)


def test_a_replayed_answer_is_refused(client, cast, provider):
    response, callback = sign_in(client, provider, sub="entra-agent", email=cast.agent.user.email)
    assert response.status_code == 302
    client.post(reverse("logout"))
    assert_refused(client.get(callback), "state", client)


def test_an_answer_from_another_browsers_sign_in_is_refused(client, cast, provider):
    _response, callback = sign_in(client, provider, sub="entra-agent", email=cast.agent.user.email)
    other_browser = type(client)()
    assert_refused(other_browser.get(callback), "state", other_browser)


def test_a_cancelled_sign_in_says_so(client, cast, provider):
    client.get(reverse("sso:sign_in"))
    response = client.get(reverse("sso:callback"), {"error": "access_denied", "state": "x"})
    assert_refused(response, "cancelled", client)


def test_an_unreachable_provider_is_a_clear_page(client, cast, settings):
    cache.clear()
    settings.OIDC_ISSUER = "http://127.0.0.1:9/idp"
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    response = client.get(reverse("sso:sign_in"))
    assert response.status_code == 503 and escape(str(REASONS["provider"])) in response.content.decode()


def test_signing_out_ends_the_providers_session_too(client, cast, provider):
    sign_in(client, provider, sub="entra-agent", email=cast.agent.user.email)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert response.url.startswith(f"{provider.issuer}/logout?id_token_hint=")
    assert "post_logout_redirect_uri=http%3A%2F%2Ftestserver%2Flogin%2F" in response.url
    assert signed_in_user(client) is None


def test_signing_out_after_a_password_login_stays_in_samtal(client, cast, provider):
    client.force_login(cast.agent.user)
    assert client.post(reverse("logout")).url == reverse("login")


def test_without_configuration_there_is_no_single_sign_on(client, cast):
    assert client.get(reverse("sso:sign_in")).status_code == 404
    assert client.get(reverse("sso:callback"), {"code": "x", "state": "y"}).status_code == 404
    assert reverse("sso:sign_in") not in client.get(reverse("login")).content.decode()


def test_the_login_page_offers_single_sign_on(client, cast, provider, settings):
    settings.OIDC_PROVIDER_NAME = "Microsoft"
    page = client.get(reverse("login")).content.decode()
    assert reverse("sso:sign_in") in page and "Sign in with Microsoft" in page


def test_with_local_passwords_off_only_the_superuser_logs_in_with_one(client, cast, settings):
    settings.LOCAL_PASSWORDS = False
    cache.clear()
    response = client.post(reverse("login"), {"username": "agent", "password": PASSWORD})
    assert response.status_code == 200 and signed_in_user(client) is None
    response = client.post(reverse("login"), {"username": "admin", "password": PASSWORD})
    assert response.status_code == 302 and signed_in_user(client) == cast.superuser
    cache.clear()


def test_with_local_passwords_off_no_reset_link_goes_to_an_employee(client, cast, settings):
    settings.LOCAL_PASSWORDS = False
    cache.clear()
    client.post(reverse("password_reset"), {"email": cast.agent.user.email})
    assert mail.outbox == []
    client.post(reverse("password_reset"), {"email": cast.superuser.email})
    assert len(mail.outbox) == 1
    cache.clear()


def test_refused_sign_ins_lock_no_one_out(client, cast, provider):
    for _ in range(6):
        response, _callback = sign_in(client, provider, sub="nobody", email="nobody@else.example")
        assert_refused(response, "unknown", client)
    response, _callback = sign_in(client, provider, sub="entra-agent", email=cast.agent.user.email)
    assert response.status_code == 302 and signed_in_user(client) == cast.agent.user
