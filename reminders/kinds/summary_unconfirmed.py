"""The employee, two days after a conversation was held, while they have not confirmed its summary."""

from datetime import timedelta

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from coaching.models import Conversation
from reminders.rule import Due, ReminderKind

GRACE = timedelta(days=2)
WINDOW = timedelta(days=14)  # older unconfirmed summaries wait on the leader's dashboard instead


class SummaryUnconfirmed(ReminderKind):
    key = "summary_unconfirmed"
    label = _("Conversation summary to confirm")

    def due(self, now):
        unconfirmed = (
            Conversation.objects.unconfirmed()
            .filter(held_at__lte=now - GRACE, held_at__gt=now - WINDOW)
            .filter(~self.recorded(recipient_id="employee_id", occurrence="held_at"))
        )
        return [
            Due(pk, employee_id, held_at, held_at + GRACE)
            for pk, employee_id, held_at in unconfirmed.order_by().values_list("pk", "employee_id", "held_at")
        ]

    def still_applies(self, reminder, now):
        """Still held and unconfirmed."""
        return (
            Conversation.objects.unconfirmed()
            .select_related("leader__user", "conversation_type")
            .filter(pk=reminder.object_id)
            .first()
        )

    def url(self, reminder):
        return reverse("coaching:conversation_detail", args=[reminder.object_id])


kind = SummaryUnconfirmed()
