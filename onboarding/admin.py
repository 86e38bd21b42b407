from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline
from simple_history.admin import SimpleHistoryAdmin

from coaching.admin import PROTECTED_TEXT, ProtectedTextAdmin
from onboarding.models import ChecklistTemplate, FloorNote, Onboarding, OnboardingTask, TemplateTask

# A floor note reaches its author and the person's team leader only: the admin shows who wrote about
# whom and when, never the text, and no list filters or searches on it.
PROTECTED_TEXT.add((FloorNote, "text"))

# Checklists --------------------------------------------------------------------------------------------


class TemplateTaskInline(TranslationTabularInline):
    model = TemplateTask
    extra = 0
    fields = [
        "position",
        "phase",
        "title",
        "responsible",
        "offset_days",
        "day_count",
        "is_compliance",
        "check_in_type",
    ]


@admin.register(ChecklistTemplate)
class ChecklistTemplateAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["name", "is_active", "updated_at"]
    list_filter = ["is_active"]
    search_fields = ["name"]
    inlines = [TemplateTaskInline]


# Ticking, reopening and setting aside are services (each guards its transition), and so is starting
# an onboarding (it copies the template and books the check-ins): what they own is read-only here.
TASK_SERVICE_FIELDS = [
    "completed_at",
    "completed_by",
    "not_applicable_at",
    "not_applicable_reason",
    "conversation",
    "is_ad_hoc",
]


class OnboardingTaskInline(admin.TabularInline):
    model = OnboardingTask
    extra = 0
    can_delete = False
    fields = [
        "title",
        "phase",
        "responsible",
        "assignee",
        "due_on",
        *TASK_SERVICE_FIELDS[:2],
        "not_applicable_at",
    ]
    readonly_fields = ["title", "phase", "responsible", *TASK_SERVICE_FIELDS]
    autocomplete_fields = ["assignee"]

    def has_add_permission(self, request, obj=None):
        return False  # ad hoc tasks are added in the app


@admin.register(Onboarding)
class OnboardingAdmin(SimpleHistoryAdmin):
    list_display = ["employee", "starts_on", "status", "template", "leader"]
    list_filter = ["status", "kind", "employee__site"]
    list_select_related = ["employee__user", "leader__user", "template"]
    search_fields = ["employee__user__first_name", "employee__user__last_name", "employee__employee_number"]
    date_hierarchy = "starts_on"
    autocomplete_fields = ["trainer", "floor_walker", "hr_contact", "it_contact"]
    readonly_fields = ["employee", "template", "leader", "status", "started_by", "created_at", "completed_at"]
    inlines = [OnboardingTaskInline]

    def has_add_permission(self, request):
        return False  # started in the app, which copies the template's tasks and books the check-ins


@admin.register(OnboardingTask)
class OnboardingTaskAdmin(TranslationAdmin):
    list_display = [
        "title",
        "onboarding",
        "responsible",
        "assignee",
        "due_on",
        "completed_at",
        "not_applicable_at",
    ]
    list_filter = ["responsible", "phase", "is_compliance"]
    list_select_related = ["onboarding__employee__user", "assignee__user"]
    search_fields = [
        "title",
        "onboarding__employee__user__first_name",
        "onboarding__employee__user__last_name",
    ]
    autocomplete_fields = ["assignee"]
    readonly_fields = ["onboarding", "responsible", *TASK_SERVICE_FIELDS]

    def has_add_permission(self, request):
        return False


@admin.register(FloorNote)
class FloorNoteAdmin(ProtectedTextAdmin):
    list_display = ["employee", "author", "created_at", "reference", "agenda_item"]
    list_select_related = ["employee__user", "author__user"]
    search_fields = ["employee__user__first_name", "employee__user__last_name", "employee__employee_number"]
    fields = ["employee", "author", "created_at", "reference", "agenda_item"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False


from onboarding import training_admin  # noqa: E402, F401  (the trainings' admin, in its own module)
