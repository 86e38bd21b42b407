from django.urls import path
from django.utils.translation import gettext_lazy as _

from people.access import EMPLOYEE, NavEntry
from reminders import views

app_name = "reminders"

urlpatterns = [
    path("", views.my_reminders, name="my_reminders"),
    path("<int:pk>/", views.reminder_open, name="reminder_open"),
    path("choices/", views.preferences, name="preferences"),
]

access = {
    "my_reminders": EMPLOYEE,
    "reminder_open": EMPLOYEE,
    "preferences": EMPLOYEE,
}

# The main navigation entries of this app (see people.access.NavEntry).
navigation = [NavEntry("reminders:my_reminders", _("Reminders"))]
