from django.urls import path
from django.utils.translation import gettext_lazy as _

from onboarding import training_views
from people.access import AGENT_TRAINER, EMPLOYEE, LEADER_HR, LEADER_MANAGER_HR, NavEntry

app_name = "onboarding"

urlpatterns = [
    path("trainings/", training_views.training_matrix, name="training_matrix"),
    path("trainings/export.csv", training_views.training_export, name="training_export"),
    path("trainings/mine/", training_views.my_trainings, name="my_trainings"),
    path("trainings/people/<int:pk>/", training_views.person_trainings, name="person_trainings"),
    path("trainings/import/", training_views.training_import, name="training_import"),
    path("trainings/import/<int:pk>/", training_views.training_import_detail, name="training_import_detail"),
    path(
        "trainings/import/<int:pk>/confirm/",
        training_views.training_import_confirm,
        name="training_import_confirm",
    ),
    path(
        "trainings/import/<int:pk>/discard/",
        training_views.training_import_discard,
        name="training_import_discard",
    ),
]

access = {
    "training_matrix": LEADER_MANAGER_HR,
    "training_export": LEADER_MANAGER_HR,
    "my_trainings": EMPLOYEE,
    "person_trainings": EMPLOYEE,
    "training_import": LEADER_HR,
    "training_import_detail": LEADER_HR,
    "training_import_confirm": LEADER_HR,
    "training_import_discard": LEADER_HR,
}

# The main navigation entries of this app (see people.access.NavEntry).
navigation = [
    NavEntry("onboarding:my_trainings", _("My trainings"), roles=AGENT_TRAINER),
    NavEntry("onboarding:training_matrix", _("Trainings"), roles=LEADER_MANAGER_HR),
]
