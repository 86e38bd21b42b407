"""What is due for whom, derived from the database; each reminder recorded once and sent once.

Beat ticks `reminder_sweep` every minute (UTC). The sweep asks every kind of the registry
(reminders/kinds/) what is due and not recorded yet, inserts it, and hands out the ids
to send: those never handed out, and those whose hand-out or claim is older than the lease
(REMINDER_CLAIM_LEASE), at most REMINDER_QUEUE_LIMIT per tick. Redis only carries these ids: a lost
message, a flushed Redis or a killed worker delays a reminder by one lease, never loses it.

A send task claims its batch in one locked UPDATE (unsent and not claimed within the lease), then per
reminder checks that it still applies, sends, and writes `sent_at`; when sending fails it gives back
the claims it has not delivered, for the retry. The window that remains: a worker that dies after the SMTP server accepted the
message but before `sent_at` is written leaves a claim that runs out, and the reminder is sent again,
one e-mail twice. That window is one UPDATE by primary key long; closing it would need the mail server
to take part in our transaction.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import get_connection
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from reminders import kinds, teams
from reminders.models import Delivery, NotificationPreference, Reminder, TeamsWebhook
from reminders.rule import local_today


@transaction.atomic
def reminder_sweep(*, now: datetime.datetime) -> list[int]:
    """Record every reminder due by `now` that is not recorded yet and return the ids to send now.
    Safe to repeat, to miss a tick and to run from two beats at once: each reminder is recorded once
    and each id handed out once per lease."""
    _record(now)
    return _hand_out(now)


def _record(now: datetime.datetime) -> int:
    """Insert the reminders due by `now` that are not recorded yet; returns how many were new. Each
    kind leaves out what is recorded already in its own query (ReminderKind.recorded), so a steady
    tick reads almost nothing and writes nothing."""
    new = [
        Reminder(
            kind=kind.key,
            object_id=row.object_id,
            recipient_id=row.recipient_id,
            occurrence=row.occurrence,
            due_at=row.due_at,
        )
        for kind in kinds.every()
        for row in kind.due(now)
        if row.due_at <= now
    ]
    # A second sweep inserting the same keys at the same moment loses quietly on the unique key.
    Reminder.objects.bulk_create(new, ignore_conflicts=True, batch_size=1000)
    return len(new)


def _hand_out(now: datetime.datetime) -> list[int]:
    """Mark up to REMINDER_QUEUE_LIMIT reminders as queued at `now` and return their ids, oldest due
    first. An id comes back only when it was never handed out or its hand-out ran out (see
    `Reminder.objects.to_queue`); two sweeps at once never hand out the same id (rows locked, the
    other sweep skips them)."""
    ids = list(
        Reminder.objects.to_queue(now)
        .select_for_update(skip_locked=True)
        .order_by("due_at", "pk")
        .values_list("pk", flat=True)[: settings.REMINDER_QUEUE_LIMIT]
    )
    if ids:
        Reminder.objects.to_queue(now).filter(pk__in=ids).update(queued_at=now)
    return ids


def reminder_send_batch(*, reminder_ids: list[int], now: datetime.datetime) -> int:
    """Send several reminders over one connection to the mail server; returns how many were sent.
    The batch is claimed in one statement, one commit rather than one per reminder. Safe to repeat
    (see `reminder_send`)."""
    claimed = _claim(reminder_ids, now)
    if not claimed:
        return 0
    reminders = Reminder.objects.select_related("recipient__user", "recipient__site").in_bulk(claimed)
    chosen = {
        (employee_id, kind): delivery
        for employee_id, kind, delivery in NotificationPreference.objects.filter(
            employee_id__in={reminder.recipient_id for reminder in reminders.values()}
        ).values_list("employee_id", "kind", "delivery")
    }
    sent = 0
    with get_connection() as connection:
        for position, reminder_id in enumerate(claimed):
            try:
                sent += _deliver(reminders[reminder_id], now=now, connection=connection, chosen=chosen)
            except Exception:
                # Give back the claims not delivered yet for the retry, unless a later worker holds them by now.
                Reminder.objects.filter(pk__in=claimed[position:], claimed_at=now).update(claimed_at=None)
                raise
    return sent


def reminder_send(*, reminder_id: int, now: datetime.datetime) -> bool:
    """Send one reminder by e-mail in the recipient's language and time zone. Returns False when it
    was sent already, is claimed by a live worker, or no longer applies (then it is marked skipped and
    never queued again). Safe to call twice with the same id: one e-mail."""
    return reminder_send_batch(reminder_ids=[reminder_id], now=now) == 1


@transaction.atomic
def _claim(reminder_ids: list[int], now: datetime.datetime) -> list[int]:
    """Claim those of `reminder_ids` that are sendable, once each, in the order given. Rows another
    worker is claiming at this moment are left to it."""
    sendable = set(
        Reminder.objects.sendable(now)
        .filter(pk__in=reminder_ids)
        .select_for_update(skip_locked=True)
        .values_list("pk", flat=True)
    )
    Reminder.objects.filter(pk__in=sendable).update(claimed_at=now)
    return [pk for pk in dict.fromkeys(reminder_ids) if pk in sendable]


def _deliver(reminder: Reminder, *, now: datetime.datetime, connection, chosen: dict) -> bool:
    """Send one claimed reminder, or mark it skipped or deferred to the digest. `chosen`: the ways
    the batch's recipients chose, by (recipient, kind)."""
    reminder_id = reminder.pk
    kind = kinds.get(reminder.kind)
    subject_object = None
    if kind is not None and _reachable(reminder.recipient, now):
        subject_object = kind.still_applies(reminder, now)
    if subject_object is None:
        Reminder.objects.filter(pk=reminder_id).update(skipped_at=now)
        return False
    delivery, teams_url = delivery_for(reminder, kind, chosen.get((reminder.recipient_id, reminder.kind)))
    if delivery == Delivery.DIGEST:
        Reminder.objects.filter(pk=reminder_id).update(deferred_at=now, claimed_at=None)
        return False
    message = kind.message(reminder, subject_object, now)
    if delivery == Delivery.EMAIL:
        message.connection = connection
        message.send()
    elif delivery == Delivery.TEAMS:
        teams.post(teams_url, _teams_card(reminder, message))
    Reminder.objects.filter(pk=reminder_id).update(
        sent_at=now, delivery=delivery, subject=message.subject[:200]
    )
    kind.after_send(reminder, subject_object, now)
    return True


def delivery_for(reminder: Reminder, kind, chosen: str | None) -> tuple[str, str | None]:
    """How `kind` reaches the recipient, and the Teams webhook if that is the way: their choice
    (`chosen`) where the kind allows it, else the kind's first way (e-mail, but for a team channel's
    digest); Teams without a webhook falls back to e-mail."""
    allowed = kind.deliveries()
    delivery = chosen if chosen in allowed else allowed[0]
    if delivery != Delivery.TEAMS:
        return delivery, None
    url = kind.teams_url(reminder)
    return (Delivery.TEAMS, url) if url else (Delivery.EMAIL, None)


def _teams_card(reminder: Reminder, message) -> dict:
    """The e-mail's subject and text as a Teams card, with a button that opens the reminder."""
    with translation.override(reminder.recipient.language):
        return teams.card(
            title=message.subject,
            text=message.body,
            link=settings.SITE_URL.rstrip("/") + reverse("reminders:reminder_open", args=[reminder.pk]),
            link_title=_("Open in Samtal"),
        )


@transaction.atomic
def notification_preferences_save(*, employee, choices: dict[str, str], teams_url: str = "") -> None:
    """Record how each kind reaches `employee` ({kind key: delivery}) and the address of their own Teams
    workflow (empty removes it); e-mail, the default, needs no row. A choice the kind does not allow
    (switching off what compliance requires) is refused, and so is Teams without an address."""
    for key, delivery in choices.items():
        kind = kinds.get(key)
        if kind is None or delivery not in kind.deliveries():
            raise ValidationError(_("That choice is not possible for this reminder."))
    if teams_url:
        teams.validate_webhook_url(teams_url)
        TeamsWebhook.objects.update_or_create(employee=employee, defaults={"url": teams_url})
    else:
        if Delivery.TEAMS in choices.values():
            raise ValidationError(_("Add the address of your Teams workflow to get reminders in Teams."))
        TeamsWebhook.objects.filter(employee=employee).delete()
    for key, delivery in choices.items():
        if delivery == Delivery.EMAIL:
            NotificationPreference.objects.filter(employee=employee, kind=key).delete()
        else:
            NotificationPreference.objects.update_or_create(
                employee=employee, kind=key, defaults={"delivery": delivery}
            )


def _reachable(recipient, now: datetime.datetime) -> bool:
    """Whether `recipient` may get e-mail at all: a user who can sign in, with an address, still
    employed on the day (their end date is their last day). Every kind goes through this."""
    user = recipient.user
    ended = recipient.ended_on is not None and recipient.ended_on < local_today(recipient, now)
    return user.is_active and bool(user.email) and not ended


def reminder_mark_read(*, reminder: Reminder, now: datetime.datetime) -> bool:
    """Mark a sent reminder read when its recipient opens it. Safe to repeat: False if it already was."""
    return bool(Reminder.objects.filter(pk=reminder.pk, read_at=None).update(read_at=now))
