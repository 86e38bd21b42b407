from django.urls import path
from django.utils.translation import gettext_lazy as _

from people import views
from people.access import ANONYMOUS, EMPLOYEE, LEADER, LEADER_HR, LEADER_MANAGER_HR, MANAGER_HR, NavEntry

app_name = "people"

urlpatterns = [
    path("me/", views.my_profile, name="my_profile"),
    path("team/", views.roster, name="roster"),
    path("people/", views.directory, name="directory"),
    path("people/teams/", views.team_options, name="team_options"),
    path("people/<int:pk>/", views.employee_detail, name="employee_detail"),
    path("people/<int:pk>/edit/", views.employee_edit, name="employee_edit"),
    path("language/", views.set_language, name="set_language"),
]

access = {
    "my_profile": EMPLOYEE,
    "roster": LEADER_MANAGER_HR,
    "directory": MANAGER_HR,
    "team_options": MANAGER_HR,  # the team search of the directory and of a manager's roster
    "employee_detail": EMPLOYEE,
    "employee_edit": LEADER_HR,
    "set_language": ANONYMOUS,
}

# The main navigation entries of this app (see people.access.NavEntry).
navigation = [
    NavEntry("people:roster", _("My team"), roles=LEADER),
    NavEntry("people:directory", _("People")),
]
