from django.urls import path
from django.utils.translation import gettext_lazy as _

from hr import views
from people.access import EMPLOYEE, HR, MANAGER_HR, NavEntry

app_name = "hr"

urlpatterns = [
    path("people/<int:pk>/history/", views.history, name="history"),
    path("people/<int:pk>/history/export.<str:fmt>", views.history_export, name="history_export"),
    path("access-log/", views.access_log, name="access_log"),
    path("me/access-log/", views.my_access_log, name="my_access_log"),
    path("me/data/", views.my_data, name="my_data"),
    path("me/data.json", views.my_data_json, name="my_data_json"),
    path("retention/", views.retention, name="retention"),
    path("people/<int:pk>/privacy/", views.employee_privacy, name="employee_privacy"),
    path("people/<int:pk>/privacy/hold/", views.legal_hold_place, name="legal_hold_place"),
    path("people/<int:pk>/privacy/lift/", views.legal_hold_lift, name="legal_hold_lift"),
    path("people/<int:pk>/privacy/erase/", views.employee_erase, name="employee_erase"),
    path("talent/", views.talent_search, name="talent_search"),
    path("talent/export.csv", views.talent_export, name="talent_export"),
]

# History pages admit every employee: whose history they reach is visible_to()'s job (404 outside).
access = {
    "history": EMPLOYEE,
    "history_export": EMPLOYEE,
    "access_log": HR,
    "my_access_log": EMPLOYEE,
    "my_data": EMPLOYEE,
    "my_data_json": EMPLOYEE,
    "retention": HR,
    "employee_privacy": HR,
    "legal_hold_place": HR,
    "legal_hold_lift": HR,
    "employee_erase": HR,
    "talent_search": MANAGER_HR,
    "talent_export": MANAGER_HR,
}

# The main navigation entries of this app (see people.access.NavEntry).
navigation = [
    NavEntry("hr:talent_search", _("Talent search"), group=_("People")),
    NavEntry("hr:access_log", _("Access log"), group=_("People")),
    NavEntry("hr:retention", _("Retention"), group=_("People")),
]
