"""Two people (or two tabs) changing a conversation at the same moment change it once.

Each test lines up two threads with a barrier; each thread has its own database connection, so
PostgreSQL decides who waits for whose row lock. SQLite cannot lock rows: these run on PostgreSQL."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from coaching import services
from coaching.models import ActionItem, Conversation, Rhythm
from tests.coaching.factories import (
    ActionItemFactory,
    ConversationFactory,
    HeldConversationFactory,
    RhythmFactory,
)
from tests.races import race, racing

pytestmark = racing


@pytest.fixture
def started(cast):
    return ConversationFactory(
        employee=cast.agent, scheduled_at=timezone.now() - datetime.timedelta(minutes=40)
    )


def test_two_quick_holds_hold_once_ask_once_and_keep_both_notes(cast, started):
    now = timezone.now()

    def hold(text, at):
        notes = services.ConversationNotes(
            shared_notes=text,
            private_note=f"private {text}",
            action_items=[{"text": text, "owner": "employee"}],
        )
        return lambda: services.conversation_hold(
            conversation=started, author=cast.leader, notes=notes, now=at
        )

    results = race(
        hold("From the first tab", now), hold("From the second tab", now + datetime.timedelta(seconds=1))
    )
    assert sorted(results) == [False, True]
    started.refresh_from_db()
    assert started.status == Conversation.Status.HELD
    assert started.summary_requested_at == started.held_at  # asked once, when it was held
    texts = set(started.history.values_list("shared_notes", flat=True))
    assert {"From the first tab", "From the second tab"} <= texts
    assert set(ActionItem.objects.values_list("text", flat=True)) == {
        "From the first tab",
        "From the second tab",
    }
    assert started.history.filter(status=Conversation.Status.HELD).values("held_at").distinct().count() == 1


def test_two_quick_confirmations_confirm_once_and_keep_the_first_time(cast):
    conversation = HeldConversationFactory(employee=cast.agent)
    now = timezone.now()

    def confirm(at):
        return lambda: services.conversation_confirm(
            conversation=conversation, employee=cast.agent, comment="", now=at
        )

    results = race(confirm(now), confirm(now + datetime.timedelta(seconds=1)))
    assert sorted(results) == [False, True]
    conversation.refresh_from_db()
    first = results.index(True)
    assert conversation.summary_confirmed_at == now + datetime.timedelta(seconds=first)


def test_two_quick_ticks_complete_once(cast):
    item = ActionItemFactory(conversation=HeldConversationFactory(employee=cast.agent))
    now = timezone.now()
    times = [now, now + datetime.timedelta(seconds=1)]
    results = race(*(lambda at=at: services.action_item_tick(action_item=item, now=at) for at in times))
    assert sorted(results) == [False, True]
    item.refresh_from_db()
    assert item.completed_at == times[results.index(True)]


def test_cancel_and_hold_at_once_exactly_one_wins(cast, started):
    now = timezone.now()
    notes = services.ConversationNotes(shared_notes="We met.")
    results = race(
        lambda: services.conversation_cancel(conversation=started, now=now),
        lambda: services.conversation_hold(conversation=started, author=cast.leader, notes=notes, now=now),
    )
    winners = [result for result in results if result is True]
    losers = [result for result in results if isinstance(result, ValidationError)]
    assert (len(winners), len(losers)) == (1, 1)
    started.refresh_from_db()
    if results[0] is True:
        assert (started.status, started.shared_notes, started.summary_requested_at) == ("cancelled", "", None)
    else:
        assert (started.status, started.shared_notes, started.invitation_changed_at) == (
            "held",
            "We met.",
            None,
        )


def test_two_conversations_held_at_once_leave_the_later_one_on_the_rhythm(cast):
    RhythmFactory(employee=cast.agent)
    now = timezone.now()
    earlier, later = (
        ConversationFactory(employee=cast.agent, scheduled_at=now - datetime.timedelta(hours=hours))
        for hours in (3, 1)
    )

    def hold(conversation):
        return lambda: services.conversation_hold(
            conversation=conversation, author=cast.leader, notes=None, now=now
        )

    for _ in range(3):  # the lock decides the order; each order must end the same
        Conversation.objects.update(status=Conversation.Status.SCHEDULED)
        Rhythm.objects.update(last_held_at=None, last_seen_at=None)
        assert race(hold(later), hold(earlier)) == [True, True]
        rhythm = Rhythm.objects.get(employee=cast.agent)
        assert (rhythm.last_held_at, rhythm.last_seen_at) == (later.scheduled_at, later.scheduled_at)
