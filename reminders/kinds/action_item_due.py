"""The owner of an open action item (the employee, or the leader of the conversation that agreed it),
at the start of the owner's shift on its due date, in the owner's site time zone."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coaching.models import ActionItem
from onboarding.trainings import local_dates
from reminders.rule import Due, ReminderKind, shift_start

WINDOW = timedelta(days=7)  # items overdue for longer are on the next agenda anyway


class ActionItemDue(ReminderKind):
    key = "action_item_due"
    label = _("Action item due")

    def due(self, now):
        today = timezone.localdate(now)
        # Due when the owner's shift starts on the due date, so nothing dated after the latest date
        # of any site can be due yet (tomorrow's items are not read every minute of today).
        latest = max(local_dates(now).values())
        due = (
            ActionItem.objects.open()
            .due_by(latest)
            .filter(due_on__gte=today - WINDOW)
            # One owner per item: recorded for anyone at or after its due date (an item put off to a
            # later date is reminded of again on that date).
            .filter(~self.recorded(since="due_on"))
            .order_by()
            .values_list(
                "pk",
                "owner",
                "due_on",
                "employee_id",
                "employee__site__time_zone",
                "employee__shift",
                "conversation__leader_id",
                "conversation__leader__site__time_zone",
                "conversation__leader__shift",
            )
        )
        rows = []
        for pk, owner, due_on, *people in due:
            recipient_id, zone, shift = people[:3] if owner == ActionItem.Owner.EMPLOYEE else people[3:]
            start = shift_start(due_on, zone, shift)
            rows.append(Due(pk, recipient_id, start, start))
        return rows

    def still_applies(self, reminder, now):
        """Still open (neither done nor dropped)."""
        return (
            ActionItem.objects.open()
            .select_related("conversation__conversation_type", "employee__user")
            .filter(pk=reminder.object_id)
            .first()
        )

    def url(self, reminder):
        conversation_id = (
            ActionItem.objects.filter(pk=reminder.object_id).values_list("conversation_id", flat=True).first()
        )
        return reverse("coaching:conversation_detail", args=[conversation_id])


kind = ActionItemDue()
