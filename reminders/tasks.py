"""Celery tasks of the reminders app: thin wrappers that take ids and call one service each."""

from celery import shared_task
from django.utils import timezone


@shared_task
def reminder_sweep_task():
    from reminders.services import reminder_sweep  # late import keeps the task module import-light

    for reminder_id in reminder_sweep(now=timezone.now()):  # the sweep has committed: ids are real
        reminder_send_task.delay(reminder_id)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def reminder_send_task(reminder_id: int):
    from reminders.services import reminder_send

    reminder_send(reminder_id=reminder_id)
