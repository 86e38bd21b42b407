"""Every reminder is sent exactly once: a killed worker, a flushed Redis, two sweeps at once or the
same id delivered twice lose nothing and send nothing twice; a steady tick does no work."""

import threading
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.mail.backends import locmem
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from reminders.models import Reminder
from reminders.services import reminder_send, reminder_send_batch, reminder_sweep
from reminders.tasks import reminder_send_task, reminder_sweep_task
from tests.coaching.factories import ConversationFactory
from tests.conftest import build_cast
from tests.factories import AgentFactory

pytestmark = pytest.mark.clock

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite cannot run two writers at once"
)


@pytest.fixture(autouse=True)
def _only_conversation_reminders(monkeypatch):
    """These tests are about delivery, so only the reminder before a conversation takes part."""
    from reminders import kinds

    only = [kinds.get("conversation_soon")]
    monkeypatch.setattr(kinds, "every", lambda: only)


def conversations_tomorrow(cast, count: int, now):
    """`count` conversations 20 hours after `now`: each owes a reminder to its leader and employee."""
    for agent in AgentFactory.create_batch(count, team=cast.team):
        ConversationFactory(employee=agent, scheduled_at=now + timedelta(hours=20))


def mails_per_recipient(mailoutbox) -> dict[str, int]:
    counts = {}
    for mail in mailoutbox:
        counts[mail.to[0]] = counts.get(mail.to[0], 0) + 1
    return counts


def test_a_reminder_claimed_by_a_killed_worker_is_sent_once_after_the_lease(cast, mailoutbox):
    now = timezone.now()
    ConversationFactory(employee=cast.agent, scheduled_at=now + timedelta(hours=20))
    ids = reminder_sweep(now=now)
    to_agent = Reminder.objects.get(pk__in=ids, recipient=cast.agent).pk
    Reminder.objects.filter(pk=to_agent).update(claimed_at=now)  # claimed, then SIGKILL: never sent
    reminder_send_batch(reminder_ids=ids, now=now)  # the leader's goes out as usual
    lease = settings.REMINDER_CLAIM_LEASE

    before = now + lease - timedelta(minutes=1)
    assert reminder_sweep(now=before) == []  # the worker might still be alive
    assert reminder_send(reminder_id=to_agent, now=before) is False
    after = now + lease + timedelta(minutes=1)
    assert reminder_sweep(now=after) == [to_agent]
    assert reminder_send_batch(reminder_ids=[to_agent, to_agent], now=after) == 1
    assert reminder_sweep(now=after + lease * 2) == []
    assert mails_per_recipient(mailoutbox) == {cast.agent.email: 1, cast.leader.email: 1}


def test_ids_lost_with_a_flushed_redis_are_queued_again_after_the_lease_and_sent_once(cast, mailoutbox):
    now = timezone.now()
    conversations_tomorrow(cast, 3, now)
    handed_out = reminder_sweep(now=now)  # queued, then Redis is flushed: no worker ever sees them
    assert len(handed_out) == 6
    assert reminder_sweep(now=now + timedelta(minutes=1)) == []  # within the lease: not twice
    later = now + settings.REMINDER_CLAIM_LEASE + timedelta(minutes=1)
    again = reminder_sweep(now=later)
    assert sorted(again) == sorted(handed_out)
    reminder_send_batch(reminder_ids=again + again, now=later)  # and delivered twice for good measure
    assert len(mailoutbox) == 6
    assert set(mails_per_recipient(mailoutbox).values()) == {3, 1}  # the leader 3 times, each agent once
    assert not Reminder.objects.filter(sent_at=None).exists()


def test_a_steady_tick_inserts_nothing_and_hands_out_nothing(cast, mailoutbox):
    now = timezone.now()
    conversations_tomorrow(cast, 2, now)
    ids = reminder_sweep(now=now)
    rows = list(Reminder.objects.order_by("pk").values_list("pk", "queued_at"))
    assert reminder_sweep(now=now + timedelta(minutes=1)) == []
    assert list(Reminder.objects.order_by("pk").values_list("pk", "queued_at")) == rows
    reminder_send_batch(reminder_ids=ids, now=now)
    later = now + settings.REMINDER_CLAIM_LEASE * 3  # sent ones never come back
    assert reminder_sweep(now=later) == []
    assert Reminder.objects.count() == len(ids)


def test_the_same_id_delivered_twice_sends_one_mail(cast, mailoutbox):
    now = timezone.now()
    ConversationFactory(employee=cast.agent, scheduled_at=now + timedelta(hours=20))
    ids = reminder_sweep(now=now)
    assert [reminder_send(reminder_id=pk, now=now) for pk in ids + ids] == [True, True, False, False]
    assert len(mailoutbox) == 2


def test_the_first_tick_after_a_deploy_queues_in_chunks(cast, mailoutbox, settings):
    settings.REMINDER_QUEUE_LIMIT = 4
    now = timezone.now()
    conversations_tomorrow(cast, 5, now)  # ten reminders
    ticks = [reminder_sweep(now=now + timedelta(minutes=minute)) for minute in range(4)]
    assert [len(ids) for ids in ticks] == [4, 4, 2, 0]
    assert len({pk for ids in ticks for pk in ids}) == 10


def test_a_reminder_that_no_longer_applies_is_never_queued_again(cast, mailoutbox):
    now = timezone.now()
    conversation = ConversationFactory(employee=cast.agent, scheduled_at=now + timedelta(hours=20))
    ids = reminder_sweep(now=now)
    conversation.scheduled_at += timedelta(days=2)  # moved: this occurrence is gone
    conversation.save()
    assert reminder_send_batch(reminder_ids=ids, now=now) == 0
    assert reminder_sweep(now=now + settings.REMINDER_CLAIM_LEASE * 3) == []
    assert mailoutbox == []


def test_a_batch_is_sent_over_one_connection(cast, mailoutbox, monkeypatch):
    opened = []
    real_init = locmem.EmailBackend.__init__

    def counting_init(self, *args, **kwargs):
        opened.append(self)
        real_init(self, *args, **kwargs)

    monkeypatch.setattr(locmem.EmailBackend, "__init__", counting_init)
    now = timezone.now()
    conversations_tomorrow(cast, 3, now)
    assert reminder_send_batch(reminder_ids=reminder_sweep(now=now), now=now) == 6
    assert len(opened) == 1 and len(mailoutbox) == 6


def test_a_batch_claims_its_reminders_in_one_statement(cast, mailoutbox):
    now = timezone.now()
    conversations_tomorrow(cast, 3, now)
    ids = reminder_sweep(now=now)
    with CaptureQueriesContext(connection) as queries:
        reminder_send_batch(reminder_ids=ids, now=now)
    claims = [query for query in queries if 'SET "claimed_at"' in query["sql"]]
    assert len(claims) == 1 and len(mailoutbox) == 6


def test_a_send_failing_mid_batch_keeps_what_was_sent_and_gives_back_the_rest(cast, mailoutbox, monkeypatch):
    now = timezone.now()
    conversations_tomorrow(cast, 2, now)
    ids = reminder_sweep(now=now)
    real_send = locmem.EmailBackend.send_messages

    def second_fails(self, messages):
        if len(mailoutbox) == 1:
            raise OSError("mail server down")
        return real_send(self, messages)

    monkeypatch.setattr(locmem.EmailBackend, "send_messages", second_fails)
    with pytest.raises(OSError):
        reminder_send_batch(reminder_ids=ids, now=now)
    assert Reminder.objects.filter(sent_at__isnull=False).count() == 1
    assert Reminder.objects.filter(claimed_at__isnull=False, sent_at__isnull=True).count() == 0
    monkeypatch.setattr(locmem.EmailBackend, "send_messages", real_send)
    assert reminder_send_batch(reminder_ids=ids, now=now) == 3  # the retry sends the other three
    assert len(mailoutbox) == 4


def test_the_sweep_task_queues_the_ids_in_batches(cast, mailoutbox, settings, monkeypatch):
    settings.REMINDER_SEND_BATCH = 4
    queued = []
    monkeypatch.setattr(reminder_send_task, "delay", lambda ids: queued.append(ids))
    conversations_tomorrow(cast, 5, timezone.now() - timedelta(minutes=5))
    reminder_sweep_task()
    assert [len(batch) for batch in queued] == [4, 4, 2]


def test_beat_ticks_the_sweep_every_minute():
    entry = settings.CELERY_BEAT_SCHEDULE["reminder-sweep"]
    assert entry["task"] == "reminders.tasks.reminder_sweep_task" and entry["schedule"] == 60


@pytest.fixture
def committed_cast(transactional_db):
    """The cast, committed so that the other connections see it."""
    return build_cast()


# The serialized rollback restores the data migrations' rows (conversation types) after the flush.
racing = pytest.mark.django_db(transaction=True)


@on_postgresql
@racing
def test_two_sweeps_at_once_record_each_reminder_once_and_hand_out_each_id_once(committed_cast):
    now = timezone.now()
    conversations_tomorrow(committed_cast, 10, now)
    start = threading.Barrier(2)
    handed_out = []

    def sweep():
        start.wait()
        try:
            handed_out.append(reminder_sweep(now=now))
        finally:
            connection.close()  # each thread has its own connection

    threads = [threading.Thread(target=sweep) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    ids = [pk for batch in handed_out for pk in batch]
    assert Reminder.objects.count() == 20
    assert sorted(ids) == sorted(Reminder.objects.values_list("pk", flat=True))  # each once


@on_postgresql
@racing
def test_two_workers_sending_the_same_id_at_once_send_one_mail(committed_cast, mailoutbox):
    now = timezone.now()
    ConversationFactory(employee=committed_cast.agent, scheduled_at=now + timedelta(hours=20))
    ids = reminder_sweep(now=now)
    start = threading.Barrier(2)

    def send():
        start.wait()
        try:
            reminder_send_batch(reminder_ids=ids, now=now)
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(mailoutbox) == 2 and Reminder.objects.filter(sent_at__isnull=False).count() == 2
