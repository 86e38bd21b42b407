from django.contrib import admin
from django.core.exceptions import FieldDoesNotExist
from django.db import transaction
from django.db.models.constants import LOOKUP_SEP
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from coaching.models import (
    ActionItem,
    AgendaItem,
    CalendarFeed,
    Conversation,
    ConversationType,
    GuidingAnswer,
    HandoverNote,
    PrivateNote,
    QualityScore,
    Rhythm,
)
from coaching.services import rhythms_track_held

# Text only its author (a private note) or the people in the conversation may read. No admin list
# filters or searches on it: a filter's row count would reveal the text letter by letter.
PROTECTED_TEXT = {
    (PrivateNote, "text"),
    (HandoverNote, "text"),
    (Conversation, "shared_notes"),
    (Conversation, "wellbeing_comment"),
}


def reaches_protected_text(model, lookup: str) -> bool:
    """Whether the admin lookup `lookup` (e.g. "conversation__shared_notes__contains"), read from
    `model`, touches protected text."""
    for part in lookup.split(LOOKUP_SEP):
        try:
            field = model._meta.get_field(part)
        except FieldDoesNotExist:
            return False
        if (model, field.name) in PROTECTED_TEXT:
            return True
        if not field.is_relation:
            return False
        model = field.related_model
    return False


class ProtectedTextAdmin(admin.ModelAdmin):
    """Refuses changelist lookups in the query string that reach protected text (Django answers 400)."""

    def lookup_allowed(self, lookup, value, request=None):
        if reaches_protected_text(self.model, lookup):
            return False
        return super().lookup_allowed(lookup, value, request)


@admin.register(ConversationType)
class ConversationTypeAdmin(TranslationAdmin):
    list_display = ["name", "kind", "default_cadence_days", "is_active"]
    list_editable = ["default_cadence_days", "is_active"]


@admin.register(Rhythm)
class RhythmAdmin(ProtectedTextAdmin):
    list_display = ["employee", "conversation_type", "cadence_days", "paused_on", "resumes_on"]
    list_filter = ["conversation_type", "employee__site"]
    list_select_related = ["employee__user", "conversation_type"]
    search_fields = ["employee__user__first_name", "employee__user__last_name", "employee__employee_number"]
    autocomplete_fields = ["employee"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        rhythms_track_held(employee_ids=[obj.employee_id])  # a new or moved rhythm reads the history


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    autocomplete_fields = ["author"]


class ActionItemInline(admin.TabularInline):
    model = ActionItem
    extra = 0
    fields = ["text", "owner", "due_on", "completed_at", "dropped_at"]
    readonly_fields = ["completed_at", "dropped_at"]  # ticking and dropping are services


class GuidingAnswerInline(admin.TabularInline):
    model = GuidingAnswer
    extra = 0


class QualityScoreInline(admin.TabularInline):
    model = QualityScore
    extra = 0


# No PrivateNote admin or inline anywhere: a private note belongs to its author alone, who reads it
# in the app. The status, the summary's confirmation and the owed e-mails change through the
# services only (each guards its transition), so they are read-only here.
@admin.register(Conversation)
class ConversationAdmin(SimpleHistoryAdmin, ProtectedTextAdmin):
    list_display = ["__str__", "scheduled_at", "status", "leader", "summary_confirmed_at"]
    list_filter = ["status", "conversation_type", "employee__site"]
    list_select_related = ["employee__user", "leader__user", "conversation_type"]
    search_fields = ["employee__user__first_name", "employee__user__last_name", "employee__employee_number"]
    date_hierarchy = "scheduled_at"
    autocomplete_fields = ["employee", "leader", "requested_by"]
    readonly_fields = [
        "status",
        "held_at",
        "kpi_snapshot",
        "summary_requested_at",
        "summary_confirmed_at",
        "employee_comment",
        "invitation_changed_at",
        "handed_over_at",
        "calendar_sequence",
    ]
    inlines = [AgendaItemInline, ActionItemInline, GuidingAnswerInline, QualityScoreInline]

    # The date, type and person of a held conversation may be corrected here, and a conversation
    # deleted: the rhythms' copies of the history follow (the admin's views are transactions).
    def save_model(self, request, obj, form, change):
        before = Conversation.objects.filter(pk=obj.pk).values_list("employee_id", flat=True).first()
        super().save_model(request, obj, form, change)
        rhythms_track_held(employee_ids={obj.employee_id, before} - {None})

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        rhythms_track_held(employee_ids=[obj.employee_id])

    @transaction.atomic
    def delete_queryset(self, request, queryset):
        employee_ids = set(queryset.values_list("employee_id", flat=True))
        super().delete_queryset(request, queryset)
        rhythms_track_held(employee_ids=employee_ids)


@admin.register(ActionItem)
class ActionItemAdmin(ProtectedTextAdmin):
    list_display = ["text", "employee", "owner", "due_on", "completed_at", "dropped_at"]
    list_filter = ["owner"]
    list_select_related = ["employee__user"]
    search_fields = ["text", "employee__user__first_name", "employee__user__last_name"]
    raw_id_fields = ["conversation"]
    autocomplete_fields = ["employee"]
    readonly_fields = ["completed_at", "dropped_at"]


@admin.register(CalendarFeed)
class CalendarFeedAdmin(ProtectedTextAdmin):
    list_display = ["employee", "created_at"]
    list_select_related = ["employee__user"]
    fields = ["employee", "created_at"]  # the token is a secret: rotate it from the app, never read it here
    readonly_fields = ["employee", "created_at"]

    def has_add_permission(self, request):
        return False


@admin.register(HandoverNote)
class HandoverNoteAdmin(ProtectedTextAdmin):
    """That a handover note exists, about whom and between which leaders: its text is for the two
    leaders, read in the app. Notes are written and handed over through the services only."""

    list_display = ["employee", "from_leader", "to_leader", "written_by", "created_at", "handed_over_at"]
    list_select_related = ["employee__user", "from_leader__user", "to_leader__user", "written_by__user"]
    search_fields = ["employee__user__first_name", "employee__user__last_name", "employee__employee_number"]
    fields = ["employee", "from_leader", "to_leader", "written_by", "created_at", "handed_over_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
