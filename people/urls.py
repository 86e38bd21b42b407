from django.urls import path
from django.utils.translation import gettext_lazy as _

from people import organisation_views, views
from people.access import ANONYMOUS, EMPLOYEE, HR, LEADER, LEADER_HR, LEADER_MANAGER_HR, MANAGER_HR, NavEntry

app_name = "people"

urlpatterns = [
    path("me/", views.my_profile, name="my_profile"),
    path("team/", views.roster, name="roster"),
    path("people/", views.directory, name="directory"),
    path("people/teams/", views.team_options, name="team_options"),
    path("people/<int:pk>/", views.employee_detail, name="employee_detail"),
    path("people/<int:pk>/edit/", views.employee_edit, name="employee_edit"),
    path("language/", views.set_language, name="set_language"),
    path("organisation/", organisation_views.organisation, name="organisation"),
    path("organisation/sites/new/", organisation_views.site_edit, name="site_new"),
    path("organisation/sites/<int:pk>/", organisation_views.site_edit, name="site_edit"),
    path("organisation/teams/new/", organisation_views.team_edit, name="team_new"),
    path("organisation/teams/<int:pk>/", organisation_views.team_edit, name="team_edit"),
    path("organisation/people/new/", organisation_views.employee_new, name="employee_new"),
]

access = {
    "my_profile": EMPLOYEE,
    "roster": LEADER_MANAGER_HR,
    "directory": MANAGER_HR,
    "team_options": MANAGER_HR,  # the team search of the directory and of a manager's roster
    "employee_detail": EMPLOYEE,
    "employee_edit": LEADER_HR,
    "set_language": ANONYMOUS,
    "organisation": MANAGER_HR,
    "site_new": HR,
    "site_edit": HR,
    "team_new": MANAGER_HR,
    "team_edit": MANAGER_HR,
    "employee_new": HR,
}

# The main navigation entries of this app (see people.access.NavEntry).
navigation = [
    NavEntry("people:roster", _("My team"), roles=LEADER),
    NavEntry("people:directory", _("People"), group=_("People")),
    NavEntry("people:organisation", _("Sites and teams"), group=_("People")),
]
