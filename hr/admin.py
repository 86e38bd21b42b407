from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from hr.models import AccessLogEntry, Erasure, LegalHold, PrivacySettings


@admin.register(PrivacySettings)
class PrivacySettingsAdmin(SimpleHistoryAdmin):
    """The data-protection officer's decisions: one row, changed by superusers only, history kept."""

    list_display = ["__str__", "hr_conversation_access", "private_notes_in_own_export", "retention_months"]

    def has_add_permission(self, request):
        return request.user.is_superuser and not PrivacySettings.objects.exists()

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records written by the application only: nobody adds, changes or deletes them here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AccessLogEntry)
class AccessLogEntryAdmin(ReadOnlyAdmin):
    list_display = ["at", "viewer", "subject", "what", "ip_address"]
    list_filter = ["what"]
    list_select_related = ["viewer", "subject__user"]
    search_fields = ["subject__user__first_name", "subject__user__last_name", "viewer__username"]
    date_hierarchy = "at"


@admin.register(LegalHold)
class LegalHoldAdmin(ReadOnlyAdmin):
    list_display = ["employee", "reason", "placed_by", "placed_at", "lifted_at"]
    list_select_related = ["employee__user", "placed_by"]


@admin.register(Erasure)
class ErasureAdmin(ReadOnlyAdmin):
    list_display = ["employee", "reason", "erased_at", "requested_by"]
    list_select_related = ["employee__user", "requested_by"]
