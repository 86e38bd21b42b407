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
    KpiMeasurement,
    Metric,
)


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
class ExpectationVersionAdmin(admin.ModelAdmin):
    list_display = ["expectation", "number", "created_by", "created_at"]
    list_select_related = ["expectation", "created_by__user"]
    readonly_fields = ["expectation", "number", "title", "text", "created_by", "created_at"]


@admin.register(Acknowledgement)
class AcknowledgementAdmin(admin.ModelAdmin):
    list_display = ["employee", "version", "acknowledged_at"]
    list_select_related = ["employee__user", "version"]
    search_fields = ["employee__user__first_name", "employee__user__last_name", "version__title"]
    raw_id_fields = ["employee", "version"]


class CheckInInline(admin.TabularInline):
    model = CheckIn
    extra = 0
    raw_id_fields = ["author"]


@admin.register(Goal)
class GoalAdmin(SimpleHistoryAdmin):
    list_display = ["title", "employee", "kind", "status", "starts_on", "due_on"]
    list_filter = ["status", "kind", "metric"]
    list_select_related = ["employee__user"]
    search_fields = [
        "title",
        "employee__user__first_name",
        "employee__user__last_name",
        "employee__employee_number",
    ]
    raw_id_fields = [
        "employee",
        "expectation",
        "created_by",
        "employee_agreed_by",
        "leader_agreed_by",
        "decided_by",
    ]
    inlines = [CheckInInline]


@admin.register(CheckIn)
class CheckInAdmin(admin.ModelAdmin):
    list_display = ["goal", "checked_on", "value", "status", "author"]
    list_select_related = ["goal", "author__user"]
    raw_id_fields = ["goal", "author"]
