from django.urls import path

from dashboards import views
from people.access import EMPLOYEE, LEADER_MANAGER_HR, MANAGER_HR

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
