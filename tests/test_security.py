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
