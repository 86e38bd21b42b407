from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD


def test_every_page_carries_a_strict_content_security_policy(client, cast):
    client.force_login(cast.agent.user)
    response = client.get(reverse("people:my_profile"))
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_pages_have_no_inline_scripts_or_styles(client, cast):
    client.force_login(cast.leader.user)
    html = client.get(reverse("people:roster")).content.decode()
    assert "<script>" not in html and 'style="' not in html and "onclick" not in html


def test_anonymous_visitors_are_sent_to_the_login_page(client, cast):
    response = client.get(reverse("people:directory"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_login_locks_after_repeated_failures_without_telling_whether_the_user_exists(client, cast):
    for username in ["agent", "nobody-here"]:
        first = client.post(reverse("login"), {"username": username, "password": "wrong"})
        assert "Please enter a correct username and password" in first.content.decode()
    for _ in range(5):
        client.post(reverse("login"), {"username": "agent", "password": "wrong"})
    locked = client.post(reverse("login"), {"username": "agent", "password": PASSWORD})
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_a_link_by_email(client, cast, mailoutbox):
    response = client.post(reverse("password_reset"), {"email": cast.agent.user.email})
    assert response.status_code == 302
    assert len(mailoutbox) == 1 and "/password/reset/" in mailoutbox[0].body
    assert mail.outbox[0].to == [cast.agent.user.email]


def test_password_reset_for_an_unknown_address_looks_the_same(client, cast, mailoutbox):
    response = client.post(reverse("password_reset"), {"email": "nobody@bank.example"})
    assert response.url == reverse("password_reset_done") and mailoutbox == []


def test_the_readiness_check_needs_no_login_and_says_only_ok_per_check(client, db):
    response = client.get(reverse("ready"))
    assert response.status_code == 200, response.content
    assert response.json() == {"database": True, "broker": True}


def test_the_readiness_check_answers_over_plain_http_in_production(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/ready").status_code == 200
    assert client.get(reverse("people:my_profile")).status_code == 301


def test_the_readiness_check_answers_503_when_a_check_fails(client, db, monkeypatch):
    from config import readiness

    monkeypatch.setattr(readiness, "broker_ok", lambda: False)
    response = client.get(reverse("ready"))
    assert response.status_code == 503 and response.json()["broker"] is False


def test_the_readiness_check_wants_a_recent_reminder_sweep_when_the_cache_is_shared(client, db, settings):
    from django.core.cache import cache

    from config.celery import record_reminder_sweep
    from reminders.tasks import reminder_sweep_task

    settings.READINESS_SWEEP_MAX_AGE = 900
    cache.clear()
    assert client.get(reverse("ready")).status_code == 503
    record_reminder_sweep(sender=reminder_sweep_task)
    assert client.get(reverse("ready")).json()["reminder_sweep"] is True


def test_database_connections_persist_with_health_checks():
    from django.conf import settings

    assert settings.DATABASES["default"]["CONN_MAX_AGE"] == 60
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True


def test_a_server_error_page_speaks_the_users_language(client, cast, settings):
    settings.DEBUG = False
    settings.ROOT_URLCONF = "tests.broken_urls"
    cast.agent.language = "sv"
    cast.agent.save()
    client.raise_request_exception = False
    client.force_login(cast.agent.user)
    response = client.get("/broken/")
    assert response.status_code == 500
    assert "Något gick fel" in response.content.decode()
