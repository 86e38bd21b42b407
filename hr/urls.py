from django.urls import path
from django.utils.translation import gettext_lazy as _

from hr import views
from people.access import EMPLOYEE, HR, NavEntry

app_name = "hr"

urlpatterns = [
    path("people/<int:pk>/history/", views.history, name="history"),
    path("people/<int:pk>/history/export.<str:fmt>", views.history_export, name="history_export"),
    path("access-log/", views.access_log, name="access_log"),
    path("me/access-log/", views.my_access_log, name="my_access_log"),
]

# History pages admit every employee: whose history they reach is visible_to()'s job (404 outside).
access = {
    "history": EMPLOYEE,
    "history_export": EMPLOYEE,
    "access_log": HR,
    "my_access_log": EMPLOYEE,
}

# The main navigation entries of this app (see people.access.NavEntry).
navigation = [
    NavEntry("hr:access_log", _("Access log")),
]
