from django.contrib import admin
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from coaching.models import (
    ActionItem,
    AgendaItem,
    CalendarFeed,
    Conversation,
    ConversationType,
    GuidingAnswer,
    PrivateNote,
    QualityScore,
    Rhythm,
)


@admin.register(ConversationType)
class ConversationTypeAdmin(TranslationAdmin):
    list_display = ["name", "kind", "default_cadence_days", "is_active"]
    list_editable = ["default_cadence_days", "is_active"]


@admin.register(Rhythm)
class RhythmAdmin(admin.ModelAdmin):
    list_display = ["employee", "conversation_type", "cadence_days", "paused_on", "resumes_on"]
    list_filter = ["conversation_type", "employee__site"]
    list_select_related = ["employee__user", "conversation_type"]
    search_fields = ["employee__user__first_name", "employee__user__last_name", "employee__employee_number"]
    autocomplete_fields = ["employee"]


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    autocomplete_fields = ["author"]


class ActionItemInline(admin.TabularInline):
    model = ActionItem
    extra = 0
    fields = ["text", "owner", "due_on", "completed_at", "dropped_at"]


class GuidingAnswerInline(admin.TabularInline):
    model = GuidingAnswer
    extra = 0


class QualityScoreInline(admin.TabularInline):
    model = QualityScore
    extra = 0


# No PrivateNote inline here: a private note belongs to its author alone, so the conversation's
# admin page never shows one.
@admin.register(Conversation)
class ConversationAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "scheduled_at", "status", "leader", "summary_confirmed_at"]
    list_filter = ["status", "conversation_type", "employee__site"]
    list_select_related = ["employee__user", "leader__user", "conversation_type"]
    search_fields = ["employee__user__first_name", "employee__user__last_name", "employee__employee_number"]
    date_hierarchy = "scheduled_at"
    autocomplete_fields = ["employee", "leader", "requested_by"]
    inlines = [AgendaItemInline, ActionItemInline, GuidingAnswerInline, QualityScoreInline]


@admin.register(ActionItem)
class ActionItemAdmin(admin.ModelAdmin):
    list_display = ["text", "employee", "owner", "due_on", "completed_at", "dropped_at"]
    list_filter = ["owner"]
    list_select_related = ["employee__user"]
    search_fields = ["text", "employee__user__first_name", "employee__user__last_name"]
    raw_id_fields = ["conversation"]
    autocomplete_fields = ["employee"]


@admin.register(PrivateNote)
class PrivateNoteAdmin(admin.ModelAdmin):
    """Private notes are visible to their author only, and the author reads them in the app. The
    admin therefore never registers the text: not in the list, the form or the search, for staff
    and superusers alike. What remains (which conversation, whose note, when) lets a superuser
    delete a note for an erasure request without reading it. Nobody adds or edits notes here."""

    list_display = ["conversation", "author", "created_at", "updated_at"]
    list_select_related = ["conversation__employee__user", "conversation__conversation_type", "author__user"]
    fields = ["conversation", "author", "created_at", "updated_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):
    list_display = ["employee", "created_at"]
    list_select_related = ["employee__user"]
    fields = ["employee", "created_at"]  # the token is a secret: rotate it from the app, never read it here
    readonly_fields = ["employee", "created_at"]

    def has_add_permission(self, request):
        return False
