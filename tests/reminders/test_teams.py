"""Reminders in Microsoft Teams: an Adaptive Card posted to a Workflows webhook, checked against a
local HTTP server that records what it receives; retried, and recorded exactly once like e-mail."""

import datetime
import json
import zoneinfo
from datetime import timedelta

import pytest
import requests
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from coaching.models import ActionItem
from reminders.models import Delivery, NotificationPreference, Reminder, TeamsWebhook
from reminders.rule import shift_start
from reminders.services import reminder_send, reminder_sweep
from reminders.teams import validate_webhook_url
from tests.coaching.factories import ActionItemFactory, HeldConversationFactory
from tests.dashboards.builders import follow_up_rhythm

pytestmark = pytest.mark.clock

STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")


@pytest.fixture(autouse=True)
def _without_the_leaders_email_digest(request, monkeypatch):
    from reminders import kinds

    every = [kind for kind in kinds.every() if kind.key != "weekly_digest"]
    monkeypatch.setattr(kinds, "every", lambda: every)


def action_item_due_now(cast):
    today = timezone.localdate(timezone.now(), STOCKHOLM)
    conversation = HeldConversationFactory(employee=cast.agent, summary_confirmed_at=timezone.now())
    ActionItemFactory(
        conversation=conversation, owner=ActionItem.Owner.EMPLOYEE, due_on=today, text="Listen to call 4711"
    )
    return shift_start(today, "Europe/Stockholm", "day") + timedelta(minutes=1)


def test_a_reminder_chosen_for_teams_arrives_as_one_adaptive_card(cast, teams_server, mailoutbox):
    TeamsWebhook.objects.create(employee=cast.agent, url=teams_server.url)
    NotificationPreference.objects.create(
        employee=cast.agent, kind="action_item_due", delivery=Delivery.TEAMS
    )
    now = action_item_due_now(cast)
    ids = reminder_sweep(now=now)
    assert [reminder_send(reminder_id=pk, now=now) for pk in ids + ids] == [True, False]
    assert mailoutbox == []
    [(path, message)] = teams_server.received
    content = message["attachments"][0]["content"]
    assert message["type"] == "message" and content["type"] == "AdaptiveCard"
    assert "Listen to call 4711" in content["body"][1]["text"]
    assert content["actions"][0]["url"].endswith(reverse("reminders:reminder_open", args=ids))
    assert Reminder.objects.get(pk=ids[0]).delivery == Delivery.TEAMS


def test_a_passing_failure_is_retried_on_the_spot(cast, teams_server):
    TeamsWebhook.objects.create(employee=cast.agent, url=teams_server.url)
    NotificationPreference.objects.create(
        employee=cast.agent, kind="action_item_due", delivery=Delivery.TEAMS
    )
    teams_server.statuses = [503, 429]
    now = action_item_due_now(cast)
    [pk] = reminder_sweep(now=now)
    assert reminder_send(reminder_id=pk, now=now) is True
    assert len(teams_server.received) == 3


def test_teams_down_gives_the_claim_back_and_the_next_lease_sends_it_once(cast, teams_server, settings):
    TeamsWebhook.objects.create(employee=cast.agent, url=teams_server.url)
    NotificationPreference.objects.create(
        employee=cast.agent, kind="action_item_due", delivery=Delivery.TEAMS
    )
    teams_server.statuses = [500] * 4
    now = action_item_due_now(cast)
    [pk] = reminder_sweep(now=now)
    with pytest.raises(requests.RequestException):
        reminder_send(reminder_id=pk, now=now)
    assert Reminder.objects.get(pk=pk).sent_at is None
    later = now + settings.REMINDER_CLAIM_LEASE + timedelta(minutes=1)
    assert reminder_sweep(now=later) == [pk]
    assert reminder_send(reminder_id=pk, now=later) is True
    assert len(teams_server.received) == 5


def test_teams_chosen_without_an_address_falls_back_to_e_mail(cast, mailoutbox):
    NotificationPreference.objects.create(
        employee=cast.agent, kind="action_item_due", delivery=Delivery.TEAMS
    )
    now = action_item_due_now(cast)
    [pk] = reminder_sweep(now=now)
    assert reminder_send(reminder_id=pk, now=now) is True
    assert len(mailoutbox) == 1 and Reminder.objects.get(pk=pk).delivery == Delivery.EMAIL


def test_a_teams_channel_gets_the_teams_weekly_figures_without_names(cast, teams_server, mailoutbox):
    TeamsWebhook.objects.create(team=cast.team, url=teams_server.url)
    monday_noon = datetime.datetime(2026, 11, 23, 12, 0, tzinfo=datetime.UTC)
    with time_machine.travel(monday_noon, tick=False):
        follow_up_rhythm(cast.agent)
        reminder_sweep(now=monday_noon)
        [channel] = Reminder.objects.filter(kind="team_channel_digest")
        assert reminder_send(reminder_id=channel.pk, now=monday_noon) is True
    channel.refresh_from_db()
    assert (channel.object_id, channel.recipient, channel.delivery) == (
        cast.team.pk,
        cast.leader,
        Delivery.TEAMS,
    )
    assert mailoutbox == []
    [(_path, message)] = teams_server.received
    text = json.dumps(message, ensure_ascii=False)
    assert f"{cast.team.name} this week" in text
    assert "1 follow-up conversation is overdue" in text
    assert cast.agent.full_name not in text and cast.agent.user.last_name not in text


def test_a_channel_removed_after_the_sweep_skips_the_teams_figures_and_mails_nobody(
    cast, teams_server, mailoutbox
):
    TeamsWebhook.objects.create(team=cast.team, url=teams_server.url)
    monday_noon = datetime.datetime(2026, 11, 23, 12, 0, tzinfo=datetime.UTC)
    with time_machine.travel(monday_noon, tick=False):
        follow_up_rhythm(cast.agent)
        reminder_sweep(now=monday_noon)
        [channel] = Reminder.objects.filter(kind="team_channel_digest")
        TeamsWebhook.objects.filter(team=cast.team).delete()
        assert reminder_send(reminder_id=channel.pk, now=monday_noon) is False
    channel.refresh_from_db()
    assert channel.skipped_at == monday_noon
    assert mailoutbox == [] and teams_server.received == []


@pytest.mark.parametrize(
    "url",
    [
        "http://prod-12.westeurope.logic.azure.com/workflows/1",  # not HTTPS
        "https://evil.example/workflows/1",
        "https://logic.azure.com.evil.example/workflows/1",
        "http://10.0.0.5/admin",
        "http://127.0.0.1:8000/",  # the loopback, unless a test lists it
    ],
)
def test_only_https_addresses_of_teams_workflows_are_accepted(url):
    with pytest.raises(ValidationError):
        validate_webhook_url(url)


def test_a_workflow_address_on_an_allowed_host_is_accepted():
    validate_webhook_url(
        "https://prod-12.westeurope.logic.azure.com:443/workflows/abc/triggers/manual/paths/invoke"
    )


def test_a_person_sets_their_teams_address_and_chooses_teams(client, cast, teams_server):
    client.force_login(cast.agent.user)
    page = reverse("reminders:preferences")
    response = client.post(page, {"action_item_due": "teams", "teams_url": ""})
    assert response.status_code == 200 and not NotificationPreference.objects.exists()
    assert "Add the address of your Teams workflow" in response.content.decode()
    response = client.post(page, {"action_item_due": "teams", "teams_url": "https://evil.example/x"})
    assert response.status_code == 200 and not TeamsWebhook.objects.exists()
    response = client.post(page, {"action_item_due": "teams", "teams_url": teams_server.url})
    assert response.status_code == 302
    assert TeamsWebhook.objects.get().employee == cast.agent
    assert NotificationPreference.objects.get().delivery == Delivery.TEAMS
