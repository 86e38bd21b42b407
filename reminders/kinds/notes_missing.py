"""The team leader, once, at the start of their shift on the next working day after a conversation was
held without shared notes: the employee is asked to confirm a summary only once there is one."""

import zoneinfo
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coaching.models import Conversation
from reminders.rule import Due, ReminderKind, next_working_day, shift_start

WINDOW = timedelta(days=14)  # older conversations without notes wait on the leader's dashboard


class NotesMissing(ReminderKind):
    key = "notes_missing"
    label = _("Shared notes not written")

    def due(self, now):
        without_notes = (
            Conversation.objects.held()
            .filter(shared_notes="", held_at__gt=now - WINDOW, held_at__lte=now)
            .filter(~self.recorded(recipient_id="leader_id", occurrence="held_at"))
            .order_by()
            .values_list("pk", "leader_id", "held_at", "leader__site__time_zone", "leader__shift")
        )
        return [
            Due(pk, leader_id, held_at, start)
            for pk, leader_id, held_at, zone, shift in without_notes
            for start in [
                shift_start(
                    next_working_day(timezone.localdate(held_at, zoneinfo.ZoneInfo(zone))), zone, shift
                )
            ]
        ]

    def still_applies(self, reminder, now):
        """Still held and the shared notes still empty."""
        return (
            Conversation.objects.held()
            .filter(pk=reminder.object_id, shared_notes="")
            .select_related("employee__user", "conversation_type")
            .first()
        )

    def url(self, reminder):
        return reverse("coaching:conversation_detail", args=[reminder.object_id])


kind = NotesMissing()
