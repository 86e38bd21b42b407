from django.utils import timezone

from reminders.services import reminder_send_batch, reminder_sweep


def sweep_and_send(now=None) -> list[int]:
    """One tick of beat and the worker: record what is due, hand the ids out, send them."""
    now = now or timezone.now()
    ids = reminder_sweep(now=now)
    reminder_send_batch(reminder_ids=ids, now=now)
    return ids
