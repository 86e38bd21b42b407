from django.shortcuts import render

from reminders.models import Reminder


def my_reminders(request):
    """The reminders sent to the signed-in person: the in-app side of the e-mails."""
    reminders = Reminder.objects.visible_to(request.user).exclude(sent_at=None).order_by("-sent_at")[:50]
    return render(request, "reminders/my_reminders.html", {"reminders": reminders})
