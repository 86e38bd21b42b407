"""SESSION_COOKIE_AGE is an idle timeout, kept by writing the session about once a minute, not on every request."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse

from tests.factories import PASSWORD

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
MONDAY_MORNING = datetime.datetime(2027, 3, 1, 8, tzinfo=OSLO)
IDLE = datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE)


@pytest.fixture
def traveller():
    with time_machine.travel(MONDAY_MORNING, tick=False) as traveller:
        yield traveller


@pytest.fixture
def agent_client(client, cast, traveller):
    client.force_login(cast.agent.user)
    return client


def signed_in(client):
    return client.get(reverse("password_change_done")).status_code == 200


def test_an_idle_session_ends_after_the_idle_time(agent_client, traveller):
    assert signed_in(agent_client)
    traveller.shift(IDLE - datetime.timedelta(minutes=2))
    assert signed_in(agent_client)
    traveller.shift(IDLE)
    assert not signed_in(agent_client)


def test_steady_use_keeps_a_session_past_the_idle_time(agent_client, traveller):
    for _ in range(
        3 * IDLE // datetime.timedelta(minutes=20)
    ):  # a request every 20 minutes, three idle times
        traveller.shift(datetime.timedelta(minutes=20))
        assert signed_in(agent_client)
    traveller.shift(IDLE - datetime.timedelta(minutes=2))  # written at most a minute before the last request
    assert signed_in(agent_client)
    traveller.shift(IDLE)
    assert not signed_in(agent_client)


def test_requests_within_a_minute_do_not_write_the_session(
    agent_client, traveller, django_assert_num_queries
):
    page = reverse("password_change_done")
    with django_assert_num_queries(3):  # the session, the user, the employee: no write
        response = agent_client.get(page)
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    traveller.shift(datetime.timedelta(seconds=59))
    with django_assert_num_queries(3):
        agent_client.get(page)
    traveller.shift(datetime.timedelta(seconds=2))  # a minute after the login wrote it
    with django_assert_num_queries(6):  # and the session saved with its new expiry (in a savepoint: 3)
        response = agent_client.get(page)
    assert response.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == settings.SESSION_COOKIE_AGE
    traveller.shift(datetime.timedelta(seconds=30))
    with django_assert_num_queries(3):
        agent_client.get(page)


def test_logging_in_and_out_write_the_session_as_before(client, cast, traveller):
    assert client.post(reverse("login"), {"username": "agent", "password": PASSWORD}).status_code == 302
    assert signed_in(client)
    traveller.shift(IDLE - datetime.timedelta(minutes=2))  # the login set the expiry
    assert signed_in(client)
    client.post(reverse("logout"))
    assert not signed_in(client)
    assert not Session.objects.exists()  # a logout leaves no session behind to keep alive
