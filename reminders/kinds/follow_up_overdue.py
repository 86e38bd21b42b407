"""The team leader, at the start of their shift (their site's time) on the day after a follow-up
conversation was due."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coaching.models import Rhythm
from people.models import still_employed
from reminders.rule import Due, ReminderKind, local_today, shift_start


class FollowUpOverdue(ReminderKind):
    key = "follow_up_overdue"
    label = _("Follow-up conversation overdue")

    def due(self, now):
        today = timezone.localdate(now)
        overdue = (
            Rhythm.objects.overdue(today)
            .filter(still_employed(today, employee="employee__"), employee__team__leader__isnull=False)
            # Each round of the rhythm has a later due date than the last round's reminder.
            .filter(~self.recorded(recipient_id="employee__team__leader_id", since="next_due_on"))
            .order_by()
            .values_list(
                "pk",
                "employee__team__leader_id",
                "next_due_on",
                "employee__team__leader__site__time_zone",
                "employee__team__leader__shift",
            )
        )
        return [
            Due(pk, leader_id, start, start)
            for pk, leader_id, due_on, zone, shift in overdue
            for start in [shift_start(due_on + timedelta(days=1), zone, shift)]
        ]

    def still_applies(self, reminder, now):
        """Still overdue where the leader works (nobody has held the conversation since)."""
        return (
            Rhythm.objects.overdue(local_today(reminder.recipient, now))
            .select_related("employee__user", "conversation_type")
            .filter(pk=reminder.object_id)
            .first()
        )

    def url(self, reminder):
        employee_id = (
            Rhythm.objects.filter(pk=reminder.object_id).values_list("employee_id", flat=True).first()
        )
        return f"{reverse('coaching:conversation_schedule')}?employee={employee_id}"


kind = FollowUpOverdue()
