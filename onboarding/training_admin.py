from django import forms
from django.contrib import admin
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from goals.admin import ReadOnlyAdmin
from onboarding.models import SiteCompliance, TrainingCompletion, TrainingImport, TrainingRequirement
from people.models import Role


class TrainingRequirementForm(forms.ModelForm):
    roles = forms.MultipleChoiceField(
        label=TrainingRequirement._meta.get_field("roles").verbose_name,
        help_text=TrainingRequirement._meta.get_field("roles").help_text,
        choices=Role.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = TrainingRequirement
        fields = [
            "code",
            "name",
            "description",
            "validity_months",
            "grace_days",
            "roles",
            "sites",
            "is_active",
        ]


@admin.register(TrainingRequirement)
class TrainingRequirementAdmin(SimpleHistoryAdmin, TranslationAdmin):
    """Requirements are reference content: a name and description per language."""

    form = TrainingRequirementForm
    list_display = ["name", "code", "validity_months", "grace_days", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "code"]
    filter_horizontal = ["sites"]


@admin.register(TrainingCompletion)
class TrainingCompletionAdmin(admin.ModelAdmin):
    """Completions are recorded on a person's trainings page or imported; here only the evidence may
    be corrected."""

    list_display = ["employee", "requirement", "completed_on", "valid_until", "recorded_at"]
    list_filter = ["requirement"]
    list_select_related = ["employee__user", "requirement"]
    search_fields = ["employee__employee_number", "employee__user__first_name", "employee__user__last_name"]
    date_hierarchy = "completed_on"
    readonly_fields = [
        "employee",
        "requirement",
        "completed_on",
        "valid_until",
        "recorded_by",
        "recorded_at",
        "training_import",
    ]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(TrainingImport)
class TrainingImportAdmin(ReadOnlyAdmin):
    """Imports are confirmed or discarded on the import page (onboarding.training_import), never here."""

    list_display = ["file_name", "uploaded_by", "uploaded_at", "row_count", "error_count", "status"]
    list_filter = ["status"]
    list_select_related = ["uploaded_by"]
    date_hierarchy = "uploaded_at"


@admin.register(SiteCompliance)
class SiteComplianceAdmin(ReadOnlyAdmin):
    """What the worker last counted per site and training for HR's trainings matrix: written by the
    refresh only."""

    list_display = [
        "site",
        "requirement",
        "people",
        "valid",
        "expiring",
        "expired",
        "due",
        "missing",
        "counted_at",
    ]
    list_filter = ["site", "requirement"]
    list_select_related = ["site", "requirement"]
