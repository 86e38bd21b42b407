"""Celery tasks of the reminders app: thin wrappers that take ids and call one service each."""

from celery import shared_task
from django.conf import settings
from django.utils import timezone


@shared_task
def reminder_sweep_task():
    from reminders.services import reminder_sweep  # late import keeps the task module import-light

    ids = reminder_sweep(now=timezone.now())  # the sweep has committed: the ids are real
    size = settings.REMINDER_SEND_BATCH
    for start in range(0, len(ids), size):
        reminder_send_task.delay(ids[start : start + size])


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def reminder_send_task(reminder_ids: list[int]):
    from reminders.services import reminder_send_batch

    reminder_send_batch(reminder_ids=reminder_ids, now=timezone.now())
