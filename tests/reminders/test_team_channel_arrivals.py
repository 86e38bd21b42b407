"""A team's Teams channel welcomes each person who starts an onboarding in the team: once, at 08:00 in
the team's site time zone on the working day before the start date, posted to the channel's webhook
(a local HTTP server here)."""

import datetime
import json
import zoneinfo
from datetime import timedelta

import pytest
import time_machine

from onboarding.models import Onboarding
from reminders.models import Reminder, TeamsWebhook
from reminders.services import reminder_send, reminder_sweep
from tests.factories import AgentFactory
from tests.onboarding.factories import OnboardingFactory

pytestmark = pytest.mark.clock

STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")
OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
# A Monday start, the day after the spring daylight-saving switch: announced on Friday in winter time.
MONDAY_START = datetime.date(2027, 3, 29)
FRIDAY_EIGHT = datetime.datetime(2027, 3, 26, 8, 0, tzinfo=STOCKHOLM)


@pytest.fixture
def arrival(cast, teams_server):
    """A new hire starting in Cards, whose channel has a webhook, with a trainer and a floor walker."""
    TeamsWebhook.objects.create(team=cast.team, url=teams_server.url)
    new_hire = AgentFactory(team=cast.team, user__first_name="Saga", user__last_name="Lind")
    return OnboardingFactory(
        employee=new_hire, starts_on=MONDAY_START, trainer=cast.trainer, floor_walker=cast.teammate
    )


def sweep(now):
    """One tick at `now` (the clock travelled there too); the arrival posts it recorded."""
    with time_machine.travel(now, tick=False):
        reminder_sweep(now=now)
    return list(Reminder.objects.filter(kind="onboarding_arrival"))


def send(reminder, now):
    with time_machine.travel(now, tick=False):
        return reminder_send(reminder_id=reminder.pk, now=now)


def test_an_arrival_is_posted_once_on_the_working_morning_before_the_start(
    cast, arrival, teams_server, mailoutbox
):
    assert sweep(FRIDAY_EIGHT - timedelta(minutes=1)) == []
    [post] = sweep(FRIDAY_EIGHT)
    assert sweep(FRIDAY_EIGHT + timedelta(minutes=1)) == [post]  # the next tick records nothing more
    assert (post.object_id, post.recipient, post.occurrence) == (arrival.pk, cast.leader, FRIDAY_EIGHT)
    assert [send(post, FRIDAY_EIGHT), send(post, FRIDAY_EIGHT)] == [True, False]
    assert mailoutbox == []
    [(_path, message)] = teams_server.received
    text = json.dumps(message, ensure_ascii=False)
    assert "Welcome, Saga Lind!" in text
    assert (
        f"Welcome Saga Lind, starting in Cards on Monday 29 March with {cast.trainer.full_name} as trainer"
        f" and {cast.teammate.full_name} as floor walker." in text
    )


def test_a_midweek_start_is_announced_the_day_before_in_the_teams_site_time_zone(cast, teams_server):
    cast.far_leader.language = "nb"  # the channel reads the leader's language, as for the weekly figures
    cast.far_leader.save(update_fields=["language"])
    TeamsWebhook.objects.create(team=cast.far_team, url=teams_server.url)
    new_hire = AgentFactory(team=cast.far_team, user__first_name="Ola", user__last_name="Berg")
    onboarding = OnboardingFactory(employee=new_hire, starts_on=datetime.date(2027, 7, 7))
    tuesday_eight = datetime.datetime(2027, 7, 6, 8, 0, tzinfo=OSLO)
    assert sweep(tuesday_eight - timedelta(minutes=1)) == []
    [post] = sweep(tuesday_eight)
    assert (post.object_id, post.recipient, post.due_at) == (onboarding.pk, cast.far_leader, tuesday_eight)
    assert send(post, tuesday_eight) is True
    [(_path, message)] = teams_server.received
    assert "Velkommen Ola Berg, som begynner i Savings onsdag 7 juli." in json.dumps(
        message, ensure_ascii=False
    )


def test_a_team_without_a_channel_gets_no_post(cast):
    OnboardingFactory(employee=AgentFactory(team=cast.team), starts_on=MONDAY_START)
    assert sweep(FRIDAY_EIGHT) == []


def test_a_cancelled_onboarding_is_not_announced(arrival, teams_server):
    Onboarding.objects.filter(pk=arrival.pk).update(status=Onboarding.Status.CANCELLED)
    assert sweep(FRIDAY_EIGHT) == []


def test_an_onboarding_cancelled_after_the_sweep_is_skipped(arrival, teams_server):
    [post] = sweep(FRIDAY_EIGHT)
    Onboarding.objects.filter(pk=arrival.pk).update(status=Onboarding.Status.CANCELLED)
    assert send(post, FRIDAY_EIGHT) is False
    assert teams_server.received == []


def test_a_channel_removed_after_the_sweep_skips_the_post_and_sends_no_mail(arrival, mailoutbox):
    [post] = sweep(FRIDAY_EIGHT)
    TeamsWebhook.objects.all().delete()
    assert send(post, FRIDAY_EIGHT) is False
    post.refresh_from_db()
    assert post.skipped_at == FRIDAY_EIGHT and mailoutbox == []


def test_a_moved_start_date_is_not_announced_twice(arrival, teams_server):
    [post] = sweep(FRIDAY_EIGHT)
    send(post, FRIDAY_EIGHT)
    Onboarding.objects.filter(pk=arrival.pk).update(starts_on=MONDAY_START + timedelta(days=1))
    assert sweep(FRIDAY_EIGHT + timedelta(days=4)) == [post]
    assert len(teams_server.received) == 1


def test_an_onboarding_entered_after_its_start_is_not_announced(arrival, teams_server):
    monday_after = datetime.datetime(2027, 3, 30, 9, 0, tzinfo=STOCKHOLM)
    [post] = sweep(monday_after)  # recorded once, so that no later tick looks at it again
    assert send(post, monday_after) is False
    assert teams_server.received == []
