from django.urls import path

from goals import views
from people.access import EMPLOYEE

app_name = "goals"

urlpatterns = [
    path("<int:pk>/", views.goal_detail, name="goal_detail"),
]

access = {
    "goal_detail": EMPLOYEE,
}
