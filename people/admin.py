from django.contrib import admin
from django.utils.translation import gettext
from simple_history.admin import SimpleHistoryAdmin

from people.models import Employee, PositionChange, Site, Team
from people.services import employee_update


@admin.register(Site)
class SiteAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "time_zone", "language"]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "site", "leader"]
    list_filter = ["site"]
    search_fields = ["name"]
    autocomplete_fields = ["leader"]


class PositionChangeInline(admin.TabularInline):
    model = PositionChange
    extra = 0
    fk_name = "employee"
    autocomplete_fields = ["team"]
    readonly_fields = ["recorded_by"]


@admin.register(Employee)
class EmployeeAdmin(SimpleHistoryAdmin):
    list_display = [
        "__str__",
        "employee_number",
        "title",
        "role",
        "team",
        "site",
        "employment_type",
        "ended_on",
    ]
    list_filter = ["role", "site", "employment_type", "shift"]
    search_fields = ["user__first_name", "user__last_name", "employee_number", "user__email"]
    list_select_related = ["user", "team", "site"]
    autocomplete_fields = ["user", "team"]
    filter_horizontal = ["managed_sites"]
    inlines = [PositionChangeInline]

    def save_model(self, request, obj, form, change):
        if not change:
            super().save_model(request, obj, form, change)
            return
        # Through the same service as the HR page, so a new title, role or team is in the history.
        employee_update(
            employee=obj, changed_by=request.user, data={}, change_note=gettext("Changed in the admin site.")
        )


@admin.register(PositionChange)
class PositionChangeAdmin(admin.ModelAdmin):
    list_display = ["employee", "changed_on", "title", "role", "team"]
    list_select_related = ["employee__user", "team"]
    search_fields = ["employee__user__first_name", "employee__user__last_name", "title"]
