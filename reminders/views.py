from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from reminders import kinds
from reminders.forms import NotificationPreferencesForm
from reminders.models import NotificationPreference, Reminder, TeamsWebhook
from reminders.services import notification_preferences_save, reminder_mark_read

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


def preferences(request):
    """How each kind of reminder reaches the signed-in person: by e-mail when due, in Teams, in one
    e-mail a day, or only on the reminders page."""
    employee = request.user.employee
    current = dict(NotificationPreference.objects.visible_to(request.user).values_list("kind", "delivery"))
    teams_url = TeamsWebhook.objects.filter(employee=employee).values_list("url", flat=True).first() or ""
    form = NotificationPreferencesForm(request.POST or None, current=current, teams_url=teams_url)
    if request.method == "POST" and form.is_valid():
        try:
            notification_preferences_save(
                employee=employee, choices=form.choices(), teams_url=form.cleaned_data["teams_url"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your reminder choices were saved."))
            return redirect("reminders:preferences")
    return render(request, "reminders/preferences.html", {"form": form})
