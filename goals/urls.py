from django.urls import path
from django.utils.translation import gettext_lazy as _

from goals import views
from people.access import AGENT_TRAINER, EMPLOYEE, LEADER, LEADER_HR, LEADER_MANAGER_HR, MANAGER_HR, NavEntry

app_name = "goals"

urlpatterns = [
    path("", views.my_goals, name="my_goals"),
    path("new/", views.goal_create, name="goal_create"),
    path("team/", views.team_goals, name="team_goals"),
    path("team/new/", views.team_goal_create, name="team_goal_create"),
    path("people/<int:pk>/", views.employee_goals, name="employee_goals"),
    path("<int:pk>/", views.goal_detail, name="goal_detail"),
    path("<int:pk>/edit/", views.goal_edit, name="goal_edit"),
    path("<int:pk>/propose/", views.goal_propose, name="goal_propose"),
    path("<int:pk>/agree/", views.goal_agree, name="goal_agree"),
    path("<int:pk>/decide/", views.goal_decide, name="goal_decide"),
    path("<int:pk>/request-outcome/", views.goal_request_outcome, name="goal_request_outcome"),
    path("<int:pk>/check-in/", views.check_in_add, name="check_in_add"),
    path("expectations/", views.expectation_list, name="expectation_list"),
    path("expectations/new/", views.expectation_create, name="expectation_create"),
    path("expectations/<int:pk>/", views.expectation_detail, name="expectation_detail"),
    path("expectations/<int:pk>/edit/", views.expectation_edit, name="expectation_edit"),
    path("expectations/<int:pk>/archive/", views.expectation_archive, name="expectation_archive"),
    path("expectations/<int:pk>/acknowledge/", views.expectation_acknowledge, name="expectation_acknowledge"),
    path("expectations/<int:pk>/status/", views.expectation_status, name="expectation_status"),
    path("expectations/<int:pk>/changes/", views.expectation_diff, name="expectation_diff"),
    path("kpi-import/", views.kpi_import, name="kpi_import"),
    path("kpi-import/<int:pk>/", views.kpi_import_detail, name="kpi_import_detail"),
    path("kpi-import/<int:pk>/confirm/", views.kpi_import_confirm, name="kpi_import_confirm"),
    path("kpi-import/<int:pk>/discard/", views.kpi_import_discard, name="kpi_import_discard"),
]

access = {
    "my_goals": EMPLOYEE,
    "goal_create": EMPLOYEE,
    "team_goals": LEADER_MANAGER_HR,
    "team_goal_create": LEADER_HR,
    "employee_goals": LEADER_MANAGER_HR,
    "goal_detail": EMPLOYEE,
    "goal_edit": EMPLOYEE,
    "goal_propose": EMPLOYEE,
    "goal_agree": EMPLOYEE,
    "goal_decide": LEADER_HR,
    "goal_request_outcome": EMPLOYEE,
    "check_in_add": EMPLOYEE,
    "expectation_list": EMPLOYEE,
    "expectation_create": LEADER_MANAGER_HR,
    "expectation_detail": EMPLOYEE,
    "expectation_edit": LEADER_MANAGER_HR,
    "expectation_archive": LEADER_MANAGER_HR,
    "expectation_acknowledge": EMPLOYEE,
    "expectation_status": LEADER_MANAGER_HR,
    "expectation_diff": EMPLOYEE,
    "kpi_import": LEADER_HR,
    "kpi_import_detail": LEADER_HR,
    "kpi_import_confirm": LEADER_HR,
    "kpi_import_discard": LEADER_HR,
}

# The main navigation entries of this app (see people.access.NavEntry).
navigation = [
    NavEntry("goals:my_goals", _("My goals"), roles=AGENT_TRAINER),
    NavEntry("goals:team_goals", _("Team goals"), roles=LEADER),
    NavEntry("goals:team_goals", _("Goals"), roles=MANAGER_HR),
    NavEntry("goals:expectation_list", _("Expectations")),
]
