from datetime import timedelta

from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from coaching.models import ActionItem, Rhythm
from goals.models import ExpectationVersion
from reminders.models import Reminder
from reminders.services import reminder_mark_read

Kind = Reminder.Kind
# The sweep records something every few minutes in a live organisation; a silence this long means
# the worker (or beat) is not running.
SWEEP_SILENCE = timedelta(days=3)


def my_reminders(request):
    """The reminders sent to the signed-in person, newest first, read or not, each leading to what
    it is about; and whether the reminder worker is running at all."""
    reminders = Reminder.objects.visible_to(request.user).exclude(sent_at=None).order_by("-sent_at")[:50]
    newest = Reminder.objects.order_by("-pk").values_list("due_at", flat=True).first()
    now = timezone.now()
    return render(
        request,
        "reminders/my_reminders.html",
        {
            "reminders": reminders,
            "never_swept": newest is None,
            "last_swept": newest if newest is not None and newest < now - SWEEP_SILENCE else None,
        },
    )


def reminder_open(request, pk):
    """Mark one of the person's reminders read and go to what it is about (that page checks access)."""
    reminder = get_object_or_404(Reminder.objects.visible_to(request.user).exclude(sent_at=None), pk=pk)
    reminder_mark_read(reminder=reminder, now=timezone.now())
    return redirect(_target_url(request.user, reminder))


def _target_url(user, reminder) -> str:
    object_id = reminder.object_id
    if reminder.kind in (Kind.CONVERSATION_SOON, Kind.SUMMARY_UNCONFIRMED):
        return reverse("coaching:conversation_detail", args=[object_id])
    if reminder.kind == Kind.GOAL_AWAITING_AGREEMENT:
        return reverse("goals:goal_detail", args=[object_id])
    if reminder.kind == Kind.WEEKLY_DIGEST:
        return reverse("dashboards:leader_dashboard")
    if reminder.kind == Kind.FOLLOW_UP_OVERDUE:
        rhythm = get_object_or_404(Rhythm.objects.visible_to(user), pk=object_id)
        return f"{reverse('coaching:conversation_schedule')}?employee={rhythm.employee_id}"
    if reminder.kind == Kind.ACTION_ITEM_DUE:
        item = get_object_or_404(ActionItem.objects.visible_to(user), pk=object_id)
        return reverse("coaching:conversation_detail", args=[item.conversation_id])
    version = get_object_or_404(ExpectationVersion.objects.all(), pk=object_id)  # an expectation to read
    return reverse("goals:expectation_detail", args=[version.expectation_id])
