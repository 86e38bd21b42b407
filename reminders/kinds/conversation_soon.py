"""Both people, 24 hours before a scheduled conversation: time to add to the agenda."""

from datetime import timedelta

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from coaching.models import Conversation
from reminders.rule import Due, ReminderKind

LEAD = timedelta(hours=24)


class ConversationSoon(ReminderKind):
    key = "conversation_soon"
    label = _("Conversation tomorrow")

    def due(self, now):
        soon = (
            Conversation.objects.scheduled()
            .filter(scheduled_at__range=(now, now + LEAD))
            .annotate(
                leader_reminded=self.recorded(recipient_id="leader_id", occurrence="scheduled_at"),
                employee_reminded=self.recorded(recipient_id="employee_id", occurrence="scheduled_at"),
            )
            .exclude(leader_reminded=True, employee_reminded=True)
            .order_by()
            .values_list(
                "pk", "scheduled_at", "leader_id", "leader_reminded", "employee_id", "employee_reminded"
            )
        )
        return [
            Due(pk, recipient, at, at - LEAD)
            for pk, at, *people in soon
            for recipient, reminded in (people[:2], people[2:])
            if not reminded
        ]

    def still_applies(self, reminder, now):
        """Still scheduled at the same time: a cancelled or moved conversation sends nothing."""
        return (
            Conversation.objects.scheduled()
            .select_related("employee__user", "leader__user", "conversation_type")
            .filter(pk=reminder.object_id, scheduled_at=reminder.occurrence)
            .first()
        )

    def url(self, reminder):
        return reverse("coaching:conversation_detail", args=[reminder.object_id])


kind = ConversationSoon()
