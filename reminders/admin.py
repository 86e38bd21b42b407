from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from reminders import kinds
from reminders.models import NotificationPreference, Reminder, TeamsWebhook


class KindFilter(admin.SimpleListFilter):
    """The kinds of the registry, by their translated names."""

    title = _("kind")
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        return kinds.choices()

    def queryset(self, request, queryset):
        return queryset.filter(kind=self.value()) if self.value() else queryset


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = [
        "kind_label",
        "recipient",
        "due_at",
        "queued_at",
        "claimed_at",
        "sent_at",
        "skipped_at",
        "delivery",
    ]
    list_filter = [KindFilter]
    list_select_related = ["recipient__user"]
    readonly_fields = [
        "kind",
        "object_id",
        "recipient",
        "occurrence",
        "due_at",
        "queued_at",
        "claimed_at",
        "sent_at",
        "skipped_at",
        "deferred_at",
        "delivery",
        "subject",
    ]


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["employee", "kind", "delivery"]
    list_filter = ["delivery"]
    list_select_related = ["employee__user"]
    autocomplete_fields = ["employee"]


@admin.register(TeamsWebhook)
class TeamsWebhookAdmin(admin.ModelAdmin):
    """A team's channel is set here; a person sets their own chat on their reminders page."""

    list_display = ["__str__", "employee", "team"]
    list_select_related = ["employee__user", "team__site"]
    autocomplete_fields = ["employee", "team"]
