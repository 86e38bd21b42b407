from django.urls import path
from django.utils.translation import gettext_lazy as _

from onboarding import training_views, views
from people.access import AGENT_TRAINER, EMPLOYEE, LEADER, LEADER_HR, LEADER_MANAGER_HR, MANAGER_HR, NavEntry
from people.models import Role

app_name = "onboarding"

# Checklists, onboardings and floor notes. Which onboardings, tasks and notes a page reaches is
# visible_to()'s job (404 outside one's scope); who may change a task is selectors.may_tick/may_manage.
urlpatterns = [
    path("", views.my_onboarding, name="my_onboarding"),
    path("tasks/", views.my_tasks, name="my_tasks"),
    path("start/", views.onboarding_start, name="onboarding_start"),
    path("progress/", views.site_progress, name="site_progress"),
    path("<int:pk>/", views.onboarding_detail, name="onboarding_detail"),
    path("<int:pk>/add-task/", views.task_add, name="task_add"),
    path("tasks/<int:pk>/tick/", views.task_tick, name="task_tick"),
    path("tasks/<int:pk>/reopen/", views.task_reopen, name="task_reopen"),
    path("tasks/<int:pk>/not-applicable/", views.task_set_aside, name="task_set_aside"),
    path("templates/", views.template_list, name="template_list"),
    path("templates/new/", views.template_edit, name="template_create"),
    path("templates/<int:pk>/", views.template_edit, name="template_edit"),
    path("notes/", views.floor_note_add, name="floor_note_add"),
    path("notes/conversation/<int:conversation_pk>/", views.floor_notes_panel, name="floor_notes_panel"),
    path(
        "notes/<int:pk>/agenda/<int:conversation_pk>/",
        views.floor_note_to_agenda,
        name="floor_note_to_agenda",
    ),
    # Recurring mandatory trainings.
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
    "my_onboarding": EMPLOYEE,
    "my_tasks": EMPLOYEE,
    "onboarding_start": LEADER_MANAGER_HR,
    "site_progress": MANAGER_HR,
    "onboarding_detail": EMPLOYEE,  # the person, their leader, their site's manager, HR
    "task_add": LEADER_HR,
    "task_tick": EMPLOYEE,  # a task's assignee, whatever their role
    "task_reopen": EMPLOYEE,
    "task_set_aside": LEADER_HR,
    "template_list": MANAGER_HR,
    "template_create": MANAGER_HR,
    "template_edit": MANAGER_HR,
    "floor_note_add": EMPLOYEE,  # whoever holds a new hire's task, and team leaders
    "floor_notes_panel": LEADER,
    "floor_note_to_agenda": LEADER,
    "training_matrix": LEADER_MANAGER_HR,
    "training_export": LEADER_MANAGER_HR,
    "my_trainings": EMPLOYEE,
    "person_trainings": EMPLOYEE,
    "training_import": LEADER_HR,
    "training_import_detail": LEADER_HR,
    "training_import_confirm": LEADER_HR,
    "training_import_discard": LEADER_HR,
}

# The main navigation entries of this app (see people.access.NavEntry): an agent's entry leads to their
# own checklist (and, for a floor walker, to their tasks); trainers and leaders start from their tasks.
navigation = [
    NavEntry(
        "onboarding:my_onboarding", _("Onboarding"), roles=frozenset({Role.AGENT}), group=_("Onboarding")
    ),
    NavEntry(
        "onboarding:my_tasks",
        _("Onboarding"),
        roles=frozenset({Role.TRAINER, Role.TEAM_LEADER}),
        group=_("Onboarding"),
    ),
    NavEntry("onboarding:site_progress", _("Onboarding"), group=_("Onboarding")),
    NavEntry("onboarding:my_trainings", _("My trainings"), roles=AGENT_TRAINER, group=_("Onboarding")),
    NavEntry("onboarding:training_matrix", _("Trainings"), roles=LEADER_MANAGER_HR, group=_("Onboarding")),
]
