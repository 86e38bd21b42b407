from django.contrib import admin

from reminders.models import Reminder


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ["kind", "recipient", "due_at", "claimed_at", "sent_at"]
    list_filter = ["kind"]
    list_select_related = ["recipient__user"]
    readonly_fields = [
        "kind",
        "object_id",
        "recipient",
        "occurrence",
        "due_at",
        "claimed_at",
        "sent_at",
        "subject",
    ]
