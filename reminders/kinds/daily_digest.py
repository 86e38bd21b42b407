"""The reminders a person chose to get in one e-mail a day, an hour after their shift starts (so that
what fell due at the start of the shift is in it), in their site's time zone."""

import datetime
import zoneinfo
from datetime import timedelta

from django.db.models import Min
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reminders import kinds
from reminders.models import Delivery, Reminder
from reminders.rule import Due, ReminderKind, shift_start

AFTER_SHIFT_START = timedelta(hours=1)


def next_digest_at(held_since: datetime.datetime, time_zone: str, shift: str) -> datetime.datetime:
    """The first digest moment (an hour after the shift starts) at or after `held_since`."""
    day = timezone.localdate(held_since, zoneinfo.ZoneInfo(time_zone))
    moment = shift_start(day, time_zone, shift) + AFTER_SHIFT_START
    if moment < held_since:
        moment = shift_start(day + timedelta(days=1), time_zone, shift) + AFTER_SHIFT_START
    return moment


class DailyDigest(ReminderKind):
    key = "daily_digest"
    label = _("Daily digest of reminders")
    choosable = False  # it is the choice

    def due(self, now):
        """One row per person with reminders held for their digest (the oldest decides when)."""
        # A held reminder is in a digest recorded at or after it was held (the digest takes everything held
        # by the time it is sent).
        waiting = (
            Reminder.objects.deferred()
            .filter(
                ~self.recorded(object_id="recipient_id", recipient_id="recipient_id", since="deferred_at")
            )
            .values("recipient_id", "recipient__site__time_zone", "recipient__shift")
            .annotate(since=Min("deferred_at"))
        )
        return [
            Due(row["recipient_id"], row["recipient_id"], moment, moment)
            for row in waiting
            for moment in [
                next_digest_at(row["since"], row["recipient__site__time_zone"], row["recipient__shift"])
            ]
        ]

    def still_applies(self, reminder, now):
        """The held reminders that are still true, each with its subject in the recipient's language
        (the others are skipped); None when none is left."""
        entries = []
        for held in Reminder.objects.deferred().filter(recipient=reminder.recipient, deferred_at__lte=now):
            kind = kinds.get(held.kind)
            subject_object = kind.still_applies(held, now) if kind else None
            if subject_object is None:
                Reminder.objects.filter(pk=held.pk).update(skipped_at=now)
                continue
            held.recipient = reminder.recipient
            entries.append((held, kind.message(held, subject_object, now).subject))
        return entries or None

    def context(self, reminder, entries, now):
        return {"entries": entries}

    def after_send(self, reminder, entries, now):
        for held, subject in entries:
            Reminder.objects.filter(pk=held.pk, sent_at=None).update(
                sent_at=now, delivery=Delivery.DIGEST, subject=subject[:200]
            )

    def url(self, reminder):
        return reverse("reminders:my_reminders")


kind = DailyDigest()
