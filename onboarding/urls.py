from django.urls import path
from django.utils.translation import gettext_lazy as _

from onboarding import training_views
from people.access import AGENT_TRAINER, EMPLOYEE, NavEntry

app_name = "onboarding"

urlpatterns = [
    path("trainings/mine/", training_views.my_trainings, name="my_trainings"),
    path("trainings/people/<int:pk>/", training_views.person_trainings, name="person_trainings"),
]

access = {
    "my_trainings": EMPLOYEE,
    "person_trainings": EMPLOYEE,
}

# The main navigation entries of this app (see people.access.NavEntry).
navigation = [
    NavEntry("onboarding:my_trainings", _("My trainings"), roles=AGENT_TRAINER),
]
