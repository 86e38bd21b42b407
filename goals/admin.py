from django.contrib import admin
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from goals import services
from goals.models import (
    Acknowledgement,
    CheckIn,
    Expectation,
    ExpectationVersion,
    Goal,
    KpiImport,
    KpiMeasurement,
    Metric,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows only a service writes: the admin shows them and changes nothing."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Metric)
class MetricAdmin(TranslationAdmin):
    list_display = ["name", "code", "unit", "higher_is_better", "is_active"]
    list_filter = ["is_active", "higher_is_better"]
    search_fields = ["name", "code"]


@admin.register(KpiMeasurement)
class KpiMeasurementAdmin(admin.ModelAdmin):
    list_display = ["employee", "metric", "period_end", "value", "imported_at"]
    list_filter = ["metric"]
    list_select_related = ["employee__user", "metric"]
    search_fields = ["employee__employee_number", "employee__user__first_name", "employee__user__last_name"]
    date_hierarchy = "period_end"
    raw_id_fields = ["employee", "imported_by"]
    ordering = ["-period_end", "pk"]


class ExpectationVersionInline(admin.TabularInline):
    model = ExpectationVersion
    extra = 0
    fields = ["number", "title", "created_by", "created_at"]
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Expectation)
class ExpectationAdmin(admin.ModelAdmin):
    """Saving a new wording goes through the service, so that it becomes a new version."""

    list_display = ["title", "scope", "site", "team", "version_number", "is_active"]
    list_filter = ["scope", "is_active", "site"]
    search_fields = ["title", "text"]
    list_select_related = ["site", "team", "current_version"]
    readonly_fields = ["current_version", "created_at", "updated_at"]
    raw_id_fields = ["created_by"]
    inlines = [ExpectationVersionInline]

    def save_model(self, request, obj, form, change):
        author = getattr(request.user, "employee", None)
        if not change:
            created = services.expectation_create(
                author=author, scope=obj.scope, site=obj.site, team=obj.team, title=obj.title, text=obj.text
            )
            obj.pk = created.pk
            obj.current_version = created.current_version
            return
        if {"title", "text"} & set(form.changed_data):
            services.expectation_update(expectation=obj, author=author, title=obj.title, text=obj.text)
        obj.save()


@admin.register(ExpectationVersion)
class ExpectationVersionAdmin(ReadOnlyAdmin):
    """Versions are published by goals.services.expectation_update() only."""

    list_display = ["expectation", "number", "created_by", "created_at"]
    list_select_related = ["expectation", "created_by__user"]


@admin.register(Acknowledgement)
class AcknowledgementAdmin(ReadOnlyAdmin):
    """An acknowledgement is what someone said they read: nobody else may add, change or remove one."""

    list_display = ["employee", "version", "acknowledged_at"]
    list_select_related = ["employee__user", "version"]
    search_fields = ["employee__user__first_name", "employee__user__last_name", "version__title"]


@admin.register(KpiImport)
class KpiImportAdmin(ReadOnlyAdmin):
    """Imports are confirmed or discarded on the import page (goals.kpi_import), never here."""

    list_display = ["file_name", "uploaded_by", "uploaded_at", "row_count", "error_count", "status"]
    list_filter = ["status"]
    list_select_related = ["uploaded_by"]
    date_hierarchy = "uploaded_at"


class CheckInInline(admin.TabularInline):
    model = CheckIn
    extra = 0
    raw_id_fields = ["author"]


@admin.register(Goal)
class GoalAdmin(SimpleHistoryAdmin):
    """Wording and terms may be corrected here; the status, both agreements and the outcome belong to
    the services in goals.services (agree, decide) and are read-only."""

    list_display = ["title", "employee", "kind", "status", "starts_on", "due_on"]
    list_filter = ["status", "kind", "metric"]
    list_select_related = ["employee__user"]
    search_fields = [
        "title",
        "employee__user__first_name",
        "employee__user__last_name",
        "employee__employee_number",
    ]
    raw_id_fields = ["employee", "expectation", "created_by"]
    readonly_fields = [
        "status",
        "employee_agreed_at",
        "employee_agreed_by",
        "leader_agreed_at",
        "leader_agreed_by",
        "requested_outcome",
        "outcome_note",
        "decided_at",
        "decided_by",
    ]
    inlines = [CheckInInline]


@admin.register(CheckIn)
class CheckInAdmin(admin.ModelAdmin):
    list_display = ["goal", "checked_on", "value", "status", "author"]
    list_select_related = ["goal", "author__user"]
    raw_id_fields = ["goal", "author"]
