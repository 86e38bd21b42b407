from django.urls import path
from django.utils.translation import gettext_lazy as _

from dashboards import report_views, views
from people.access import EMPLOYEE, LEADER, LEADER_MANAGER_HR, MANAGER_HR, NavEntry

app_name = "dashboards"

urlpatterns = [
    path("team/", views.leader_dashboard, name="leader_dashboard"),
    path("coverage/", views.coverage, name="coverage"),
    path("people/<int:pk>/", views.employee_overview, name="employee_overview"),
    path("reports/", report_views.report_index, name="report_index"),
    path("reports/<slug:key>/", report_views.report_detail, name="report_detail"),
    path("reports/<slug:key>/csv/", report_views.report_csv, name="report_csv"),
]

access = {
    "leader_dashboard": LEADER_MANAGER_HR,
    "coverage": MANAGER_HR,
    "employee_overview": EMPLOYEE,  # the person themself, their leader, their site's manager, HR
    "report_index": MANAGER_HR,  # aggregates of groups large enough; scoped to the manager's sites
    "report_detail": MANAGER_HR,
    "report_csv": MANAGER_HR,
}

# The main navigation entries of this app (see people.access.NavEntry).
navigation = [
    NavEntry("dashboards:leader_dashboard", _("Dashboard"), roles=LEADER),
    NavEntry("dashboards:coverage", _("Coverage")),
    NavEntry("dashboards:report_index", _("Reports")),
]
