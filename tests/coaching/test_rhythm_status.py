import datetime

from coaching.models import Conversation, ConversationType, Rhythm
from tests.coaching.factories import (
    ConversationFactory,
    HeldConversationFactory,
    RhythmFactory,
    conversation_type,
)

TODAY = datetime.date(2026, 3, 16)


def at(day: datetime.date, hour=10) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=datetime.UTC)


def status(rhythm):
    return Rhythm.objects.with_status(TODAY).get(pk=rhythm.pk)


def test_next_due_is_last_held_plus_cadence(cast):
    rhythm = RhythmFactory(employee=cast.agent, cadence_days=14)
    HeldConversationFactory(employee=cast.agent, scheduled_at=at(TODAY - datetime.timedelta(days=20)))
    HeldConversationFactory(employee=cast.agent, scheduled_at=at(TODAY - datetime.timedelta(days=5)))
    row = status(rhythm)
    assert row.last_held_at == at(TODAY - datetime.timedelta(days=5))
    assert row.next_due_on == TODAY + datetime.timedelta(days=9)
    assert row.is_overdue is False
    assert row.is_paused is False


def test_overdue_when_last_held_longer_ago_than_cadence(cast):
    rhythm = RhythmFactory(employee=cast.agent, cadence_days=14)
    HeldConversationFactory(employee=cast.agent, scheduled_at=at(TODAY - datetime.timedelta(days=15)))
    row = status(rhythm)
    assert row.next_due_on == TODAY - datetime.timedelta(days=1)
    assert row.is_overdue is True
    assert Rhythm.objects.overdue(TODAY).filter(pk=rhythm.pk).exists()


def test_only_held_conversations_of_the_same_type_count(cast):
    rhythm = RhythmFactory(employee=cast.agent, cadence_days=14)
    HeldConversationFactory(employee=cast.agent, scheduled_at=at(TODAY - datetime.timedelta(days=30)))
    ConversationFactory(
        employee=cast.agent,
        scheduled_at=at(TODAY - datetime.timedelta(days=2)),
        status=Conversation.Status.MISSED,
    )
    HeldConversationFactory(
        employee=cast.agent,
        conversation_type=conversation_type(ConversationType.Kind.COACHING),
        scheduled_at=at(TODAY - datetime.timedelta(days=1)),
    )
    row = status(rhythm)
    assert row.last_held_at == at(TODAY - datetime.timedelta(days=30))
    assert row.is_overdue is True


def test_never_held_is_due_cadence_days_after_the_start_date(cast):
    cast.agent.started_on = TODAY - datetime.timedelta(days=3)
    cast.agent.save()
    rhythm = RhythmFactory(employee=cast.agent, cadence_days=7)
    row = status(rhythm)
    assert row.last_held_at is None
    assert row.next_due_on == TODAY + datetime.timedelta(days=4)
    assert row.is_overdue is False


def test_paused_person_is_not_overdue(cast):
    rhythm = RhythmFactory(
        employee=cast.agent,
        cadence_days=14,
        paused_on=TODAY - datetime.timedelta(days=60),
        resumes_on=TODAY + datetime.timedelta(days=100),
        pause_reason="Parental leave",
    )
    row = status(rhythm)
    assert row.is_paused is True
    assert row.is_overdue is False
    assert row.welcome_back_due is False


def test_a_pause_that_has_not_begun_does_not_pause(cast):
    rhythm = RhythmFactory(employee=cast.agent, cadence_days=14, paused_on=TODAY + datetime.timedelta(days=5))
    row = status(rhythm)
    assert row.is_paused is False
    assert row.is_overdue is True  # never held and started long ago


def test_welcome_back_is_due_after_the_pause_until_a_conversation_is_held(cast):
    resumes = TODAY - datetime.timedelta(days=3)
    rhythm = RhythmFactory(
        employee=cast.agent,
        cadence_days=14,
        paused_on=TODAY - datetime.timedelta(days=200),
        resumes_on=resumes,
    )
    HeldConversationFactory(employee=cast.agent, scheduled_at=at(TODAY - datetime.timedelta(days=210)))
    row = status(rhythm)
    assert row.is_paused is False
    assert row.welcome_back_due is True
    assert row.next_due_on == resumes  # not overdue since months: the clock restarts on return
    assert row.is_overdue is True

    HeldConversationFactory(
        employee=cast.agent,
        conversation_type=conversation_type(ConversationType.Kind.WELCOME_BACK),
        scheduled_at=at(TODAY - datetime.timedelta(days=1)),
    )
    assert status(rhythm).welcome_back_due is False


def test_with_status_is_one_query(cast, django_assert_num_queries):
    for employee in (cast.agent, cast.teammate, cast.other_agent):
        RhythmFactory(employee=employee)
        HeldConversationFactory(employee=employee)
    with django_assert_num_queries(1):
        rows = list(Rhythm.objects.with_status(TODAY))
    assert len(rows) == 3
