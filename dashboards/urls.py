from django.urls import path
from django.utils.translation import gettext_lazy as _

from dashboards import views
from people.access import EMPLOYEE, LEADER, LEADER_MANAGER_HR, MANAGER_HR, NavEntry

app_name = "dashboards"

urlpatterns = [
    path("team/", views.leader_dashboard, name="leader_dashboard"),
    path("coverage/", views.coverage, name="coverage"),
    path("people/<int:pk>/", views.employee_overview, name="employee_overview"),
]

access = {
    "leader_dashboard": LEADER_MANAGER_HR,
    "coverage": MANAGER_HR,
    "employee_overview": EMPLOYEE,  # the person themself, their leader, their site's manager, HR
}

# The main navigation entries of this app (see people.access.NavEntry).
navigation = [
    NavEntry("dashboards:leader_dashboard", _("Dashboard"), roles=LEADER),
    NavEntry("dashboards:coverage", _("Coverage")),
]
