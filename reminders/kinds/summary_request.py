"""The request to read and confirm a summary, owed when a held conversation got shared notes (or they
changed after the employee confirmed them): `Conversation.summary_requested_at`, set by coaching."""

from datetime import timedelta

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from coaching import mail
from coaching.models import Conversation
from reminders.rule import Due, ReminderKind

WINDOW = timedelta(days=14)  # as for the nag two days later: older ones wait on the leader's dashboard


class SummaryRequest(ReminderKind):
    key = "summary_request"
    label = _("Conversation summary ready to confirm")
    choosable = False  # the employee's one request to confirm; later reminders are choosable

    def due(self, now):
        requested = (
            Conversation.objects.unconfirmed()
            .filter(summary_requested_at__gt=now - WINDOW, summary_requested_at__lte=now)
            .filter(~self.recorded(recipient_id="employee_id", occurrence="summary_requested_at"))
        )
        return [
            Due(pk, employee_id, at, at)
            for pk, employee_id, at in requested.order_by().values_list(
                "pk", "employee_id", "summary_requested_at"
            )
        ]

    def still_applies(self, reminder, now):
        """Still unconfirmed, and not asked again since (that request is sent instead)."""
        return (
            mail.with_people(Conversation.objects.unconfirmed())
            .filter(pk=reminder.object_id, summary_requested_at=reminder.occurrence)
            .first()
        )

    def message(self, reminder, subject_object, now):
        return mail.summary_message(subject_object, recipient=reminder.recipient)

    def url(self, reminder):
        return reverse("coaching:conversation_detail", args=[reminder.object_id])


kind = SummaryRequest()
