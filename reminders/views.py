from datetime import timedelta

from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from reminders import kinds
from reminders.models import Reminder
from reminders.services import reminder_mark_read

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
    kind = kinds.get(reminder.kind)
    return redirect(kind.url(reminder) if kind else reverse("reminders:my_reminders"))
