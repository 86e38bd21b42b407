"""The assignee of an open onboarding task (the new hire, their leader, trainer, floor walker, HR or
IT), when their shift starts the day before it is due, in their site's time zone."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from onboarding.models import Onboarding, OnboardingTask
from reminders.rule import Due, ReminderKind, shift_start


class OnboardingTaskDue(ReminderKind):
    key = "onboarding_task_due"
    label = _("Onboarding task due tomorrow")

    def due(self, now):
        today = timezone.localdate(now)
        # The day before: tomorrow's and (east of the server) the day after's may already be due.
        tasks = (
            OnboardingTask.objects.open()
            .filter(
                onboarding__status=Onboarding.Status.RUNNING,
                assignee__isnull=False,
                due_on__range=(today, today + timedelta(days=2)),
            )
            # Reminded within these days (a task put off by a day is not reminded of twice).
            .filter(~self.recorded(recipient_id="assignee_id", since=now - timedelta(days=3)))
            .order_by()
            .values_list("pk", "assignee_id", "due_on", "assignee__site__time_zone", "assignee__shift")
        )
        return [
            Due(pk, assignee_id, start, start)
            for pk, assignee_id, due_on, zone, shift in tasks
            for start in [shift_start(due_on - timedelta(days=1), zone, shift)]
        ]

    def still_applies(self, reminder, now):
        """Still open, its onboarding still running, and still the recipient's task."""
        return (
            OnboardingTask.objects.open()
            .filter(
                pk=reminder.object_id,
                assignee_id=reminder.recipient_id,
                onboarding__status=Onboarding.Status.RUNNING,
            )
            .select_related("onboarding__employee__user")
            .first()
        )

    def url(self, reminder):
        new_hire = (
            OnboardingTask.objects.filter(pk=reminder.object_id)
            .order_by()
            .values_list("onboarding__employee_id", flat=True)
            .first()
        )
        return reverse(
            "onboarding:my_onboarding" if new_hire == reminder.recipient_id else "onboarding:my_tasks"
        )


kind = OnboardingTaskDue()
