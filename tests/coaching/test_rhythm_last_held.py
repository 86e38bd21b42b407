"""The rhythms' copies of the history (`last_held_at` of their type, `last_seen_at` of any type) follow
every write that changes what a person has held, in the same transaction."""

import datetime
import importlib

import pytest
from django.contrib.admin.sites import site as admin_site
from django.db import connection
from django.test import RequestFactory

from coaching.models import Conversation, ConversationType, Rhythm
from coaching.services import (
    conversation_cancel,
    conversation_hold,
    conversation_log,
    rhythm_set_cadence,
    rhythms_ensure,
)
from tests.coaching.factories import (
    NOW,
    ConversationFactory,
    HeldConversationFactory,
    RhythmFactory,
    conversation_type,
)

COACHING = ConversationType.Kind.COACHING
DEVELOPMENT = ConversationType.Kind.DEVELOPMENT


def days_ago(days: int) -> datetime.datetime:
    return NOW - datetime.timedelta(days=days)


def copies(employee, kind=ConversationType.Kind.FOLLOW_UP):
    rhythm = Rhythm.objects.get(employee=employee, conversation_type__kind=kind)
    return rhythm.last_held_at, rhythm.last_seen_at


def log_held(cast, scheduled_at, kind=ConversationType.Kind.FOLLOW_UP):
    """The leader logs a conversation with the agent that was held at `scheduled_at`."""
    conversation_log(
        leader=cast.leader,
        employee=cast.agent,
        conversation_type=conversation_type(kind),
        scheduled_at=scheduled_at,
        duration_minutes=30,
        now=NOW,
    )


def test_logging_a_held_conversation_updates_the_copies(cast):
    RhythmFactory(employee=cast.agent)
    log_held(cast, days_ago(2))
    assert copies(cast.agent) == (days_ago(2), days_ago(2))


def test_logging_an_older_conversation_keeps_the_latest(cast):
    RhythmFactory(employee=cast.agent)
    HeldConversationFactory(employee=cast.agent, scheduled_at=days_ago(3))
    log_held(cast, days_ago(30))
    assert copies(cast.agent) == (days_ago(3), days_ago(3))


def test_logging_another_type_updates_last_seen_and_the_new_rhythm_of_that_type(cast):
    RhythmFactory(employee=cast.agent)
    HeldConversationFactory(employee=cast.agent, scheduled_at=days_ago(20))
    log_held(cast, days_ago(1), COACHING)
    assert copies(cast.agent) == (days_ago(20), days_ago(1))
    assert copies(cast.agent, COACHING) == (days_ago(1), days_ago(1))  # made by the log, up to date


def test_holding_a_scheduled_conversation_updates_the_copies_once(cast):
    RhythmFactory(employee=cast.agent)
    conversation = ConversationFactory(employee=cast.agent, scheduled_at=days_ago(1))
    assert copies(cast.agent) == (None, None)

    assert conversation_hold(conversation=conversation, author=cast.leader, notes=None, now=NOW) is True
    assert copies(cast.agent) == (days_ago(1), days_ago(1))
    assert conversation_hold(conversation=conversation, author=cast.leader, notes=None, now=NOW) is False
    assert copies(cast.agent) == (days_ago(1), days_ago(1))


def test_cancelling_a_scheduled_conversation_leaves_the_copies(cast):
    RhythmFactory(employee=cast.agent)
    HeldConversationFactory(employee=cast.agent, scheduled_at=days_ago(8))
    conversation = ConversationFactory(employee=cast.agent, scheduled_at=NOW + datetime.timedelta(days=2))
    assert conversation_cancel(conversation=conversation, now=NOW) is True
    assert copies(cast.agent) == (days_ago(8), days_ago(8))


def test_a_new_rhythm_starts_from_the_history_already_held(cast):
    HeldConversationFactory(employee=cast.agent, scheduled_at=days_ago(9))
    HeldConversationFactory(
        employee=cast.agent, conversation_type=conversation_type(COACHING), scheduled_at=days_ago(4)
    )

    assert rhythms_ensure(employees=[cast.agent]) == 1
    rhythm = rhythm_set_cadence(
        employee=cast.agent, conversation_type=conversation_type(DEVELOPMENT), cadence_days=180
    )

    assert copies(cast.agent) == (days_ago(9), days_ago(4))
    assert (rhythm.last_held_at, rhythm.last_seen_at) == (None, days_ago(4))


def test_changing_the_cadence_keeps_the_copies(cast):
    RhythmFactory(employee=cast.agent)
    HeldConversationFactory(employee=cast.agent, scheduled_at=days_ago(5))
    rhythm_set_cadence(employee=cast.agent, conversation_type=conversation_type(), cadence_days=21)
    assert copies(cast.agent) == (days_ago(5), days_ago(5))


@pytest.fixture
def admin_request(cast):
    request = RequestFactory().post("/")
    request.user = cast.superuser
    return request


def test_the_admin_moving_a_held_conversation_updates_both_people(cast, admin_request):
    RhythmFactory(employee=cast.agent)
    RhythmFactory(employee=cast.teammate)
    conversation = HeldConversationFactory(employee=cast.agent, scheduled_at=days_ago(5))
    HeldConversationFactory(employee=cast.agent, scheduled_at=days_ago(40))
    model_admin = admin_site._registry[Conversation]

    conversation.employee, conversation.scheduled_at = cast.teammate, days_ago(6)
    model_admin.save_model(admin_request, conversation, form=None, change=True)

    assert copies(cast.agent) == (days_ago(40), days_ago(40))
    assert copies(cast.teammate) == (days_ago(6), days_ago(6))


def test_the_admin_deleting_held_conversations_updates_the_copies(cast, admin_request):
    RhythmFactory(employee=cast.agent)
    RhythmFactory(employee=cast.teammate)
    latest = HeldConversationFactory(employee=cast.agent, scheduled_at=days_ago(5))
    HeldConversationFactory(employee=cast.agent, scheduled_at=days_ago(40))
    teammates = HeldConversationFactory(employee=cast.teammate, scheduled_at=days_ago(2))
    model_admin = admin_site._registry[Conversation]

    model_admin.delete_model(admin_request, latest)
    assert copies(cast.agent) == (days_ago(40), days_ago(40))

    model_admin.delete_queryset(admin_request, Conversation.objects.filter(pk=teammates.pk))
    assert copies(cast.teammate) == (None, None)


def test_a_rhythm_added_in_the_admin_starts_from_the_history(cast, admin_request):
    HeldConversationFactory(employee=cast.agent, scheduled_at=days_ago(12))
    rhythm = Rhythm(employee=cast.agent, conversation_type=conversation_type(), cadence_days=14)
    admin_site._registry[Rhythm].save_model(admin_request, rhythm, form=None, change=False)
    assert copies(cast.agent) == (days_ago(12), days_ago(12))


def test_the_migration_backfills_what_the_services_keep(cast):
    """The migration's one UPDATE gives every rhythm the same copies as `refresh_last_held`."""
    backfill = importlib.import_module("coaching.migrations.0011_rhythm_last_held").BACKFILL
    for person in (cast.agent, cast.teammate, cast.other_agent):
        RhythmFactory(employee=person)
    RhythmFactory(employee=cast.agent, conversation_type=conversation_type(COACHING))
    HeldConversationFactory(employee=cast.agent, scheduled_at=days_ago(30))
    HeldConversationFactory(employee=cast.agent, scheduled_at=days_ago(3))
    HeldConversationFactory(employee=cast.agent, conversation_type=conversation_type(DEVELOPMENT))
    HeldConversationFactory(employee=cast.teammate, conversation_type=conversation_type(COACHING))
    ConversationFactory(employee=cast.other_agent, scheduled_at=days_ago(1))  # scheduled, never held
    ConversationFactory(
        employee=cast.other_agent, scheduled_at=days_ago(2), status=Conversation.Status.CANCELLED
    )
    expected = list(Rhythm.objects.order_by("pk").values_list("pk", "last_held_at", "last_seen_at"))

    Rhythm.objects.update(last_held_at=None, last_seen_at=None)
    with connection.cursor() as cursor:
        cursor.execute(backfill)

    assert list(Rhythm.objects.order_by("pk").values_list("pk", "last_held_at", "last_seen_at")) == expected
    assert [row[1:] for row in expected if row[1] or row[2]]  # not a comparison of empty copies
