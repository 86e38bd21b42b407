"""Read-side helpers of the coaching app: what a conversation page shows besides the row itself.

Each function runs a constant number of queries whatever the history length. Callers pass rows they
already reached through `visible_to()`.
"""

import datetime
from zoneinfo import ZoneInfo

from django.db.models import Prefetch
from django.utils import timezone

from coaching.models import ActionItem, AgendaItem, Conversation, ConversationType, PrivateNote, Rhythm
from goals.diff import word_diff
from goals.selectors import active_goals_with_progress, latest_kpi_values


def kpi_snapshot_for(employee_id: int) -> list[dict]:
    """The employee's latest key figures as JSON-ready dicts (Decimals and dates as strings), to be
    frozen into a conversation when it is held."""
    rows = latest_kpi_values([employee_id]).get(employee_id, [])
    return [
        {
            "metric": str(row["metric"]),
            "unit": str(row["unit"] or ""),
            "value": None if row["value"] is None else str(row["value"]),
            "measured_on": None if row["measured_on"] is None else row["measured_on"].isoformat(),
            "target": None if row["target"] is None else str(row["target"]),
        }
        for row in rows
    ]


def conversation_for_page(conversations, pk: int) -> Conversation:
    """One conversation with everything its page shows, in a fixed number of queries.
    `conversations` must already be scoped (Conversation.objects.visible_to(user))."""
    return (
        conversations.select_related(
            "employee__user",
            "employee__site",
            "employee__team",
            "leader__user",
            "conversation_type",
            "requested_by__user",
        )
        .prefetch_related(
            Prefetch("agenda_items", queryset=AgendaItem.objects.select_related("author__user")),
            Prefetch("action_items", queryset=ActionItem.objects.order_by("created_at", "pk")),
            "guiding_answers",
            "quality_scores",
        )
        .get(pk=pk)
    )


def carried_over_action_items(conversation: Conversation):
    """Open action items the employee agreed in earlier conversations: they stay on the agenda
    until done or dropped."""
    return (
        ActionItem.objects.open()
        .filter(
            employee_id=conversation.employee_id, conversation__scheduled_at__lt=conversation.scheduled_at
        )
        .exclude(conversation=conversation)
        .select_related("conversation__conversation_type")
        .order_by("due_on", "created_at")
    )


def own_private_note(conversation: Conversation, user) -> PrivateNote | None:
    """The signed-in user's own private note on this conversation, if they wrote one. Nobody else's."""
    return PrivateNote.objects.authored_by(user).filter(conversation=conversation).first()


def goals_for(employee_id: int) -> list:
    """The employee's active goals, each with its latest progress."""
    return active_goals_with_progress([employee_id], today=timezone.localdate()).get(employee_id, [])


def shared_notes_changes(conversation: Conversation) -> list[tuple[str, str]] | None:
    """What changed in the shared notes since the employee last confirmed them, as a word diff
    (`goals.diff.word_diff`), while the changed summary waits for their confirmation; else None.

    Reads the history only when the request to confirm came after the conversation was held (the
    notes were written or changed later), so the usual page costs no extra query."""
    if (
        conversation.summary_confirmed_at is not None
        or conversation.summary_requested_at is None
        or conversation.summary_requested_at == conversation.held_at
    ):
        return None
    confirmed = (
        conversation.history.filter(summary_confirmed_at__isnull=False)
        .order_by("-history_date", "-history_id")
        .values_list("shared_notes", flat=True)
        .first()
    )
    if confirmed is None or confirmed == conversation.shared_notes:
        return None
    return word_diff(confirmed, conversation.shared_notes)


PROPOSED_TIME = datetime.time(9, 0)


def due_on_for(employee, conversation_type: ConversationType | None, *, now: datetime.datetime):
    """The day the employee's next conversation of this type (default: the follow-up) is due by their
    rhythm, in their site's time zone; None when they have no running rhythm for it. One query."""
    today = timezone.localdate(now, ZoneInfo(employee.site.time_zone))
    rhythms = Rhythm.objects.filter(employee=employee)
    if conversation_type is None:
        rhythms = rhythms.filter(conversation_type__kind=ConversationType.Kind.FOLLOW_UP)
    else:
        rhythms = rhythms.filter(conversation_type=conversation_type)
    with timezone.override(employee.site.time_zone):  # "the day it was held" in their zone
        rhythm = rhythms.with_status(today).first()
    if rhythm is None or rhythm.is_paused:
        return None
    return rhythm.next_due_on


def proposed_start(*, due_on: datetime.date, now: datetime.datetime, zone_name: str) -> datetime.datetime:
    """Where to propose a booking: 09:00 on the due date in the employee's zone, or, once that has
    passed, 09:00 on the next working day (Monday to Friday)."""
    zone = ZoneInfo(zone_name)
    start = datetime.datetime.combine(due_on, PROPOSED_TIME, tzinfo=zone)
    if start > now:
        return start
    day = timezone.localdate(now, zone) + datetime.timedelta(days=1)
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return datetime.datetime.combine(day, PROPOSED_TIME, tzinfo=zone)
