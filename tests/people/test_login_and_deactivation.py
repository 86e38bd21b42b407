import datetime
import zoneinfo

import pytest
import time_machine
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from coaching.models import CalendarFeed
from people.services import employment_end_deactivate
from people.tasks import employment_end_deactivate_task
from tests.factories import PASSWORD

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def fail_five_times(client, username, **headers):
    for _ in range(5):
        client.post(reverse("login"), {"username": username, "password": "wrong"}, **headers)


def log_in(client, username, **headers):
    return client.post(reverse("login"), {"username": username, "password": PASSWORD}, **headers)


@override_settings(BEHIND_PROXY=True)
def test_behind_the_proxy_the_lock_is_for_the_clients_own_address(client, cast):
    attacker = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.9"}
    colleague = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "198.51.100.7"}
    fail_five_times(client, "agent", **attacker)
    assert log_in(client, "agent", **attacker).status_code == 429
    assert log_in(client, "agent", **colleague).status_code == 302


@override_settings(BEHIND_PROXY=True)
def test_a_client_cannot_pick_its_address_by_writing_x_forwarded_for_itself(client, cast):
    for spoofed in ["1.1.1.1", "2.2.2.2", "3.3.3.3", "4.4.4.4", "5.5.5.5"]:
        client.post(
            reverse("login"),
            {"username": "agent", "password": "wrong"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=f"{spoofed}, 203.0.113.9",
        )
    locked = log_in(client, "agent", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")
    assert locked.status_code == 429


def test_the_lock_holds_only_that_username_from_that_address(client, cast):
    fail_five_times(client, "agent", REMOTE_ADDR="203.0.113.9")
    assert log_in(client, "agent", REMOTE_ADDR="203.0.113.9").status_code == 429
    assert log_in(client, "teammate", REMOTE_ADDR="203.0.113.9").status_code == 302
    client.logout()
    assert log_in(client, "agent", REMOTE_ADDR="198.51.100.7").status_code == 302


def test_a_completed_password_reset_lifts_the_lock(client, cast, mailoutbox):
    fail_five_times(client, "agent")
    assert log_in(client, "agent").status_code == 429
    client.post(reverse("password_reset"), {"email": cast.agent.user.email})
    link = next(line for line in mailoutbox[0].body.splitlines() if "/password/reset/" in line)
    form_page = client.get(link.split("testserver", 1)[1], follow=True)
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a-new-Pass-phrase-9", "new_password2": "a-new-Pass-phrase-9"},
    )
    response = client.post(reverse("login"), {"username": "agent", "password": "a-new-Pass-phrase-9"})
    assert response.status_code == 302


def test_reset_mails_are_limited_per_user_and_the_page_answers_the_same(client, cast, mailoutbox):
    answers = {
        client.post(
            reverse("password_reset"), {"email": cast.agent.user.email}, REMOTE_ADDR=f"203.0.113.{n}"
        ).url
        for n in range(5)
    }
    assert answers == {reverse("password_reset_done")}
    assert len(mailoutbox) == 3


def test_reset_mails_are_limited_per_address(client, cast, mailoutbox):
    for person in [cast.agent, cast.teammate, cast.leader, cast.manager, cast.hr]:
        client.post(reverse("password_reset"), {"email": person.user.email}, REMOTE_ADDR="203.0.113.9")
    assert len(mailoutbox) == 3


def test_no_reset_mail_and_no_login_after_the_employment_ended(client, cast, mailoutbox):
    cast.agent.ended_on = datetime.date.today() - datetime.timedelta(days=1)
    cast.agent.save()
    client.post(reverse("password_reset"), {"email": cast.agent.user.email})
    assert mailoutbox == []
    assert log_in(client, "agent").status_code == 200
    assert "_auth_user_id" not in client.session


def test_the_reset_mail_speaks_the_persons_language(client, cast, mailoutbox):
    cast.agent.language = "sv"
    cast.agent.save()
    client.post(reverse("password_reset"), {"email": cast.agent.user.email})
    assert "lösenord" in mailoutbox[0].subject


@pytest.mark.parametrize("how", ["inactive login", "employment ended"])
def test_no_calendar_feed_for_someone_who_may_no_longer_log_in(client, cast, how):
    feed = CalendarFeed.objects.create(employee=cast.leader)
    assert client.get(feed.get_absolute_url()).status_code == 200
    if how == "inactive login":
        cast.leader.user.is_active = False
        cast.leader.user.save()
    else:
        cast.leader.ended_on = datetime.date.today() - datetime.timedelta(days=1)
        cast.leader.save()
    assert client.get(feed.get_absolute_url()).status_code == 404


@pytest.mark.clock
def test_the_login_ends_the_day_after_the_last_day_of_employment(cast, django_assert_num_queries):
    cast.agent.ended_on = datetime.date(2027, 3, 31)
    cast.agent.save()
    with time_machine.travel(datetime.datetime(2027, 3, 31, 23, 30, tzinfo=OSLO), tick=False):
        assert employment_end_deactivate_task() == 0
    with time_machine.travel(datetime.datetime(2027, 4, 1, 0, 30, tzinfo=OSLO), tick=False):
        with django_assert_num_queries(1):
            assert employment_end_deactivate(today=datetime.date(2027, 4, 1)) == 1
        assert employment_end_deactivate_task() == 0  # idempotent
    cast.agent.user.refresh_from_db()
    cast.teammate.user.refresh_from_db()
    assert not cast.agent.user.is_active and cast.teammate.user.is_active


def test_the_deactivation_runs_every_day_on_beat():
    from django.conf import settings

    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "people.tasks.employment_end_deactivate_task" in tasks
