"""The reminders page: each entry leads to what it is about, read or unread, and it says so when the
reminder worker has never run or has gone quiet."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from reminders.models import Reminder
from tests.coaching.factories import HeldConversationFactory

PAGE = reverse("reminders:my_reminders")


def sent(recipient, conversation, *, days_ago=0):
    at = timezone.now() - datetime.timedelta(days=days_ago)
    return Reminder.objects.create(
        kind="summary_unconfirmed",
        object_id=conversation.pk,
        recipient=recipient,
        occurrence=at,
        due_at=at,
        sent_at=at,
        subject="Confirm the summary",
    )


@pytest.fixture
def conversation(cast):
    return HeldConversationFactory(employee=cast.agent, leader=cast.leader)


def test_an_entry_leads_to_its_object_and_opening_it_marks_it_read(client, cast, conversation):
    reminder = sent(cast.agent, conversation)
    client.force_login(cast.agent.user)
    page = client.get(PAGE).content.decode()
    assert "Unread" in page and reverse("reminders:reminder_open", args=[reminder.pk]) in page

    response = client.get(reverse("reminders:reminder_open", args=[reminder.pk]))

    assert response.url == reverse("coaching:conversation_detail", args=[conversation.pk])
    reminder.refresh_from_db()
    assert reminder.read_at is not None
    assert "Unread" not in client.get(PAGE).content.decode()
    first_read = reminder.read_at
    client.get(reverse("reminders:reminder_open", args=[reminder.pk]))  # opening again changes nothing
    reminder.refresh_from_db()
    assert reminder.read_at == first_read


def test_someone_elses_reminder_cannot_be_opened(client, cast, conversation):
    reminder = sent(cast.leader, conversation)
    client.force_login(cast.agent.user)
    assert client.get(reverse("reminders:reminder_open", args=[reminder.pk])).status_code == 404


def test_the_page_says_when_the_worker_has_never_run(client, cast):
    client.force_login(cast.agent.user)
    assert "the reminder worker has not run" in client.get(PAGE).content.decode()


def test_the_page_says_when_the_worker_has_gone_quiet(client, cast, conversation):
    sent(cast.leader, conversation, days_ago=10)
    client.force_login(cast.agent.user)
    page = client.get(PAGE).content.decode()
    assert "the reminder worker may have stopped" in page
    sent(cast.leader, conversation, days_ago=0)
    assert "the reminder worker" not in client.get(PAGE).content.decode()
