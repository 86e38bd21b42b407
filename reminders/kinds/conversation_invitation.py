"""The invitation (with an .ics) owed after a booking changed: scheduled, requested, moved or cancelled.

Coaching records the change in `Conversation.invitation_changed_at`; a later change supersedes an
unsent one. The person invited is the one who did not make the booking (coaching.mail.invited_id).
"""

from datetime import timedelta

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from coaching import mail
from coaching.models import Conversation
from reminders.rule import Due, ReminderKind

WINDOW = timedelta(days=7)  # a change the sweep could not send for a week is not worth sending
PAST = timedelta(days=1)  # nor the invitation to a conversation that is over
CALENDAR_STATUSES = (Conversation.Status.SCHEDULED, Conversation.Status.CANCELLED)


class ConversationInvitation(ReminderKind):
    key = "conversation_invitation"
    label = _("Invitation to a conversation")
    choosable = False  # carries the calendar invitation

    def due(self, now):
        changed = (
            Conversation.objects.filter(
                status__in=CALENDAR_STATUSES,
                scheduled_at__gte=now - PAST,
                invitation_changed_at__gt=now - WINDOW,
                invitation_changed_at__lte=now,
            )
            .filter(~self.recorded(occurrence="invitation_changed_at"))  # one person is owed each change
            .order_by()
            .values_list("pk", "employee_id", "leader_id", "requested_by_id", "invitation_changed_at")
        )
        return [
            Due(pk, mail.invited_id(employee_id=employee_id, leader_id=leader_id, requested_by_id=by), at, at)
            for pk, employee_id, leader_id, by, at in changed
        ]

    def still_applies(self, reminder, now):
        """No later change since (that one is sent instead)."""
        return (
            mail.with_people(Conversation.objects.filter(status__in=CALENDAR_STATUSES))
            .filter(pk=reminder.object_id, invitation_changed_at=reminder.occurrence)
            .first()
        )

    def message(self, reminder, subject_object, now):
        return mail.invitation_message(subject_object, recipient=reminder.recipient, now=now)

    def url(self, reminder):
        return reverse("coaching:conversation_detail", args=[reminder.object_id])


kind = ConversationInvitation()
