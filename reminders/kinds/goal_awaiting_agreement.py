"""The side of a proposed goal that has not agreed yet, two days after the other side did."""

from datetime import timedelta

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from goals.models import Goal
from reminders.rule import Due, ReminderKind

GRACE = timedelta(days=2)


class GoalAwaitingAgreement(ReminderKind):
    key = "goal_awaiting_agreement"
    label = _("Goal waiting for your agreement")

    def due(self, now):
        cutoff = now - GRACE
        rows = list(
            Goal.objects.awaiting_employee()
            .filter(leader_agreed_at__lte=cutoff)
            .filter(~self.recorded(recipient_id="employee_id", occurrence="leader_agreed_at"))
            .order_by()
            .values_list("pk", "employee_id", "leader_agreed_at")
        )
        rows += (
            Goal.objects.awaiting_leader()
            .filter(employee_agreed_at__lte=cutoff, employee__team__leader__isnull=False)
            .filter(~self.recorded(recipient_id="employee__team__leader_id", occurrence="employee_agreed_at"))
            .order_by()
            .values_list("pk", "employee__team__leader_id", "employee_agreed_at")
        )
        return [Due(pk, recipient, agreed_at, agreed_at + GRACE) for pk, recipient, agreed_at in rows]

    def still_applies(self, reminder, now):
        """The goal still waits for the recipient's side."""
        waiting = Goal.objects.awaiting_employee().filter(employee=reminder.recipient) | (
            Goal.objects.awaiting_leader().filter(employee__team__leader=reminder.recipient)
        )
        return waiting.select_related("employee__user").filter(pk=reminder.object_id).first()

    def url(self, reminder):
        return reverse("goals:goal_detail", args=[reminder.object_id])


kind = GoalAwaitingAgreement()
