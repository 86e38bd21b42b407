"""The invitation owed to the other person of a booking that a team's new leader took over.

A handover (coaching.handover.team_handover) re-assigns booked conversations and records it in
`Conversation.handed_over_at`; it also records a calendar change, so the person the ordinary invitation
goes to (coaching.mail.invited_id: usually the employee) gets the update naming the new leader. This
kind invites the other one (usually the new leader), so that both calendars hold the booking.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from coaching import mail
from coaching.models import Conversation
from reminders.kinds.conversation_invitation import PAST, WINDOW
from reminders.rule import Due, ReminderKind


def other_person_id(*, employee_id: int, leader_id: int, requested_by_id: int | None) -> int:
    """The person of the conversation whom the ordinary invitation does not reach."""
    invited = mail.invited_id(employee_id=employee_id, leader_id=leader_id, requested_by_id=requested_by_id)
    return leader_id if invited == employee_id else employee_id


class ConversationHandover(ReminderKind):
    key = "conversation_handover"
    label = _("Conversation taken over from another team leader")

    def due(self, now):
        handed_over = (
            Conversation.objects.scheduled()
            .filter(scheduled_at__gte=now - PAST, handed_over_at__gt=now - WINDOW, handed_over_at__lte=now)
            .filter(~self.recorded(occurrence="handed_over_at"))  # one person is owed each handover
        )
        return [
            Due(pk, other_person_id(employee_id=employee_id, leader_id=leader_id, requested_by_id=by), at, at)
            for pk, employee_id, leader_id, by, at in handed_over.order_by().values_list(
                "pk", "employee_id", "leader_id", "requested_by_id", "handed_over_at"
            )
        ]

    def still_applies(self, reminder, now):
        """Still scheduled, and not handed over again since (that handover invites instead)."""
        return (
            mail.with_people(Conversation.objects.scheduled())
            .filter(pk=reminder.object_id, handed_over_at=reminder.occurrence)
            .first()
        )

    def message(self, reminder, subject_object, now):
        return mail.invitation_message(subject_object, recipient=reminder.recipient, now=now)

    def url(self, reminder):
        return reverse("coaching:conversation_detail", args=[reminder.object_id])


kind = ConversationHandover()
