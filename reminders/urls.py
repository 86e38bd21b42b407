from django.urls import path

from people.access import EMPLOYEE
from reminders import views

app_name = "reminders"

urlpatterns = [
    path("", views.my_reminders, name="my_reminders"),
    path("<int:pk>/", views.reminder_open, name="reminder_open"),
]

access = {
    "my_reminders": EMPLOYEE,
    "reminder_open": EMPLOYEE,
}
