"""E-mails owed after a user action (the invitation, the summary request) are recorded in the
database and sent by the sweep, so the action never waits for the broker; and who gets no e-mail."""

import datetime
import time
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from coaching.models import Conversation
from config.celery import app
from goals.models import Expectation
from reminders.models import Reminder
from reminders.services import reminder_send_batch, reminder_sweep
from tests.coaching.factories import ConversationFactory, HeldConversationFactory, conversation_type
from tests.goals.factories import make_expectation
from tests.reminders.helpers import sweep_and_send

pytestmark = pytest.mark.clock


@pytest.fixture
def broker_down(settings):
    """Tasks really go to a broker, and nothing listens there."""
    previous = {
        key: app.conf[key] for key in ("task_always_eager", "broker_url")
    }  # before settings change it
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    app.conf.update(task_always_eager=False, broker_url=settings.CELERY_BROKER_URL)
    yield
    app.conf.update(previous)


def timed_post(client, url, data=None):
    start = time.monotonic()
    response = client.post(url, data or {})
    return response, time.monotonic() - start


def test_with_the_broker_down_users_act_at_once_and_the_sweep_sends_what_they_owe(
    client, cast, mailoutbox, broker_down, django_capture_on_commit_callbacks
):
    now = timezone.now()
    past = ConversationFactory(
        employee=cast.agent, scheduled_at=now - timedelta(hours=1), shared_notes="Good quarter."
    )
    confirmable = HeldConversationFactory(
        employee=cast.agent, scheduled_at=now - timedelta(days=1), held_at=now - timedelta(days=1)
    )
    next_week = timezone.localdate() + timedelta(days=7)
    booking = {
        "employee": cast.agent.pk,
        "conversation_type": conversation_type().pk,
        "scheduled_on": next_week.isoformat(),
        "start_time": "10:00",
        "duration_minutes": 30,
        "location": "Room 4",
    }
    with django_capture_on_commit_callbacks(execute=True):  # as if each request committed
        client.force_login(cast.leader.user)
        scheduled = timed_post(client, reverse("coaching:conversation_schedule"), booking)
        held = timed_post(client, reverse("coaching:conversation_hold", args=[past.pk]))
        client.force_login(cast.agent.user)
        confirmed = timed_post(client, reverse("coaching:conversation_confirm", args=[confirmable.pk]))
    for response, seconds in (scheduled, held, confirmed):
        assert response.status_code == 302 and seconds < 0.5
    assert mailoutbox == []

    sweep_and_send()
    invitation = Conversation.objects.get(scheduled_at__date__gte=next_week - timedelta(days=1))
    subjects = {mail.subject for mail in mailoutbox if mail.to == [cast.agent.email]}
    assert any("please read and confirm" in subject for subject in subjects)
    assert [mail.attachments[0][0] for mail in mailoutbox if mail.attachments] == ["invite.ics"]
    assert Reminder.objects.get(kind="conversation_invitation").object_id == invitation.pk
    assert Reminder.objects.get(kind="summary_request").object_id == past.pk


def test_holding_twice_sends_one_summary_request(client, cast, mailoutbox):
    now = timezone.now()
    conversation = ConversationFactory(
        employee=cast.agent, scheduled_at=now - timedelta(hours=1), shared_notes="Good quarter."
    )
    client.force_login(cast.leader.user)
    for _click in range(2):  # a double click on "Mark as held"
        assert client.post(reverse("coaching:conversation_hold", args=[conversation.pk])).status_code == 302
    sweep_and_send()
    # A second hold that raced the first records the same request again.
    requested_at = Conversation.objects.get(pk=conversation.pk).summary_requested_at
    Conversation.objects.filter(pk=conversation.pk).update(summary_requested_at=requested_at)
    sweep_and_send(timezone.now() + timedelta(minutes=1))
    sweep_and_send(timezone.now() + timedelta(hours=1))
    requests = Reminder.objects.filter(kind="summary_request")
    assert requests.count() == 1 and requests.get().sent_at is not None
    assert len([mail for mail in mailoutbox if "confirm" in mail.subject]) == 1


def test_a_summary_changed_after_confirmation_is_requested_again(cast, mailoutbox):
    now = timezone.now()
    conversation = HeldConversationFactory(
        employee=cast.agent, scheduled_at=now - timedelta(hours=2), held_at=now, summary_requested_at=now
    )
    sweep_and_send(now)
    later = now + timedelta(hours=1)
    Conversation.objects.filter(pk=conversation.pk).update(summary_requested_at=later)  # notes changed
    sweep_and_send(later)
    assert len([mail for mail in mailoutbox if "confirm" in mail.subject]) == 2


def test_a_later_booking_change_supersedes_an_unsent_invitation(cast, mailoutbox):
    now = timezone.now()
    conversation = ConversationFactory(
        employee=cast.agent, scheduled_at=now + timedelta(days=3), invitation_changed_at=now
    )
    ids = reminder_sweep(now=now)
    moved = now + timedelta(minutes=1)
    Conversation.objects.filter(pk=conversation.pk).update(
        status=Conversation.Status.CANCELLED, invitation_changed_at=moved
    )
    reminder_send_batch(reminder_ids=ids, now=moved)  # the stale one is dropped
    sweep_and_send(moved)
    [invitation] = [mail for mail in mailoutbox if mail.attachments]
    assert invitation.subject.startswith("Cancelled")


def test_a_requested_conversation_invites_the_leader(cast, mailoutbox):
    now = timezone.now()
    ConversationFactory(
        employee=cast.agent,
        requested_by=cast.agent,
        scheduled_at=now + timedelta(days=3),
        invitation_changed_at=now,
    )
    sweep_and_send(now)
    assert [mail.to for mail in mailoutbox if mail.attachments] == [[cast.leader.email]]


@pytest.mark.parametrize("gone", ["inactive user", "employment ended"])
def test_nobody_who_has_left_or_cannot_sign_in_gets_e_mail(cast, mailoutbox, gone):
    now = timezone.now()
    ConversationFactory(
        employee=cast.agent, scheduled_at=now + timedelta(hours=20), invitation_changed_at=now
    )
    if gone == "inactive user":
        cast.agent.user.is_active = False
        cast.agent.user.save()
    else:
        cast.agent.ended_on = timezone.localdate(now) - timedelta(days=1)
        cast.agent.save()
    sweep_and_send(now)
    assert cast.agent.email not in {mail.to[0] for mail in mailoutbox}
    assert cast.leader.email in {mail.to[0] for mail in mailoutbox}  # the leader's reminder still goes
    assert not Reminder.objects.filter(recipient=cast.agent, skipped_at=None).exists()


def test_plain_text_e_mails_arrive_as_typed(cast, mailoutbox):
    now = timezone.now()
    typed = 'O\'Brien & Co <first> "call"'
    expectation = make_expectation(team=cast.team, author=cast.leader, title=typed)
    Expectation.objects.update(created_at=now - timedelta(days=5))
    expectation.current_version.__class__.objects.update(created_at=now - timedelta(days=5))
    HeldConversationFactory(
        employee=cast.teammate,
        scheduled_at=now - timedelta(hours=2),
        held_at=now,
        shared_notes=typed,
        summary_requested_at=now,
    )
    ConversationFactory(
        employee=cast.agent, scheduled_at=now + timedelta(days=3), location=typed, invitation_changed_at=now
    )
    sweep_and_send(now)
    kinds = {"expectation": 0, "summary": 0, "invitation": 0}
    for mail in mailoutbox:
        assert "&amp;" not in mail.subject + mail.body and "&#x27;" not in mail.subject + mail.body
        if typed in mail.subject and typed in mail.body:
            kinds["expectation"] += 1
        elif mail.attachments and typed in mail.body:
            kinds["invitation"] += 1
        elif typed in mail.body:
            kinds["summary"] += 1
    assert kinds == {"expectation": 2, "summary": 1, "invitation": 1}  # agent and teammate acknowledge


def test_reminders_go_out_in_the_sites_time_zone_across_daylight_saving(cast, mailoutbox):
    cast.far_agent.language = "nb"
    cast.far_agent.save()
    oslo = cast.far_agent.site.time_zone
    at = datetime.datetime(2027, 3, 29, 9, 30, tzinfo=datetime.UTC)  # 11:30 in Oslo, the day after the switch
    ConversationFactory(
        employee=cast.far_agent, scheduled_at=at, invitation_changed_at=at - timedelta(days=2)
    )
    sweep_and_send(at - timedelta(days=2))
    [invitation] = [mail for mail in mailoutbox if mail.attachments]
    assert "11:30" in invitation.body and oslo == "Europe/Oslo"
