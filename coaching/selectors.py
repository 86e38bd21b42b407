"""Read-side helpers of the coaching app: what a conversation page shows besides the row itself.

Each function runs a constant number of queries whatever the history length. Callers pass rows they
already reached through `visible_to()`.
"""

import datetime
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber
from django.utils import timezone

from coaching.models import (
    COVERAGE_COVERED,
    COVERAGE_OVERDUE,
    COVERAGE_PAUSED,
    ActionItem,
    AgendaItem,
    Conversation,
    ConversationType,
    PrivateNote,
    Rhythm,
)
from goals.diff import word_diff
from goals.models import Metric
from goals.selectors import active_goals_with_progress, goals_at_risk_counts, latest_kpi_values
from people.models import Employee


def kpi_snapshot_for(employee_id: int) -> list[dict]:
    """The employee's latest key figures as JSON-ready dicts (Decimals and dates as strings), to be
    frozen into a conversation when it is held."""
    rows = latest_kpi_values([employee_id]).get(employee_id, [])
    return [
        {
            "metric_id": row[
                "metric_id"
            ],  # the metric, not its name of the day: shown in the reader's language
            "value": None if row["value"] is None else str(row["value"]),
            "measured_on": None if row["measured_on"] is None else row["measured_on"].isoformat(),
            "target": None if row["target"] is None else str(row["target"]),
        }
        for row in rows
    ]


def frozen_key_figures(snapshot: list[dict]) -> list[dict]:
    """The key figures frozen into a held conversation, ready to show: each metric's name and unit in
    the reader's language. Snapshots frozen before metrics were kept by id show the name they were
    frozen with. One query, none for an empty snapshot."""
    metrics = Metric.objects.in_bulk([row["metric_id"] for row in snapshot if "metric_id" in row])
    figures = []
    for row in snapshot:
        metric = metrics.get(row.get("metric_id"))
        named = {"metric": metric.name, "unit": metric.unit} if metric else {}
        figures.append({"metric": "", "unit": "", **row, **named})
    return figures


def agenda_with_authors() -> Prefetch:
    """Conversations' agenda items with their authors and names: one query for all of them."""
    return Prefetch("agenda_items", queryset=AgendaItem.objects.select_related("author__user"))


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
            agenda_with_authors(),
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


# The team table of the leader dashboard and the weekly digest, and the follow-up status behind both.
# "Covered" means "within their rhythm": the person's one-on-one follow-up rhythm is not paused and
# not overdue (`Rhythm.objects.with_status(today)`), so a new hire whose first follow-up is not due yet
# counts as covered. Paused people are left out of the denominator. A member without a follow-up
# rhythm counts as not covered: nobody has agreed how often to see them.

FOLLOW_UP = ConversationType.Kind.FOLLOW_UP

ORDERINGS = ("next_due", "not_seen", "name")
_LONG_AGO = datetime.datetime.min.replace(tzinfo=datetime.UTC)


@dataclass
class FollowUpStatus:
    """The follow-up rhythm of one person, as `Rhythm.objects.with_status(today)` computed it."""

    cadence_days: int
    next_due_on: datetime.date | None
    is_overdue: bool
    is_paused: bool
    pause_reason: str = ""
    resumes_on: datetime.date | None = None
    welcome_back_due: bool = False


@dataclass
class MemberRow:
    """One line of the leader dashboard."""

    employee: Employee
    last_held_at: datetime.datetime | None
    last_kind: str | None
    next_scheduled_at: datetime.datetime | None
    open_action_items: int
    unconfirmed_summaries: int
    energy: int | None
    workload: int | None
    previous_energy: int | None
    previous_workload: int | None
    goals_at_risk: int = 0
    follow_up: FollowUpStatus | None = None
    next_conversation_id: int | None = None  # the booking at next_scheduled_at

    @property
    def last_type_label(self) -> str:
        return ConversationType.Kind(self.last_kind).label if self.last_kind else ""

    @property
    def is_overdue(self) -> bool:
        return bool(self.follow_up and self.follow_up.is_overdue)

    @property
    def is_paused(self) -> bool:
        return bool(self.follow_up and self.follow_up.is_paused)

    @property
    def is_covered(self) -> bool:
        return self.follow_up is not None and not self.follow_up.is_paused and not self.follow_up.is_overdue

    @property
    def energy_trend(self) -> str | None:
        return _trend(self.energy, self.previous_energy)

    @property
    def workload_trend(self) -> str | None:
        return _trend(self.workload, self.previous_workload)

    @property
    def wellbeing(self) -> list[tuple[int | None, str | None]]:
        """Energy and workload, each with its trend, in the dashboard's order."""
        return [(self.energy, self.energy_trend), (self.workload, self.workload_trend)]


@dataclass
class Coverage:
    """Coverage of a group of people: who is within their rhythm, who is overdue, who is paused."""

    members: int = 0
    paused: int = 0
    covered: int = 0
    overdue: int = 0
    seen: int = 0  # counted members who have had a held conversation
    days_since_seen_total: int = 0  # summed over those

    @property
    def counted(self) -> int:
        """The denominator: members whose rhythm is not paused."""
        return self.members - self.paused

    @property
    def percent(self) -> int | None:
        """Share within rhythm, in whole percent; None when nobody counts (empty or all paused)."""
        if not self.counted:
            return None
        return round(100 * self.covered / self.counted)

    @property
    def average_days_since_seen(self) -> int | None:
        """Average days since the last held conversation, over counted members who have had one."""
        if not self.seen:
            return None
        return round(self.days_since_seen_total / self.seen)

    def add(self, *, follow_up: FollowUpStatus | None, days_since_seen: int | None) -> None:
        if follow_up is None:
            state = None
        elif follow_up.is_paused:
            state = COVERAGE_PAUSED
        else:
            state = COVERAGE_OVERDUE if follow_up.is_overdue else COVERAGE_COVERED
        self.count(state=state, days_since_seen=days_since_seen)

    def count(self, *, state: str | None, days_since_seen: int | None) -> None:
        """Count one member whose follow-up rhythm is in `state` (None: they have none)."""
        self.members += 1
        if state == COVERAGE_PAUSED:
            self.paused += 1
            return
        if state == COVERAGE_OVERDUE:
            self.overdue += 1
        elif state == COVERAGE_COVERED:
            self.covered += 1
        if days_since_seen is not None:
            self.seen += 1
            self.days_since_seen_total += days_since_seen

    def __iadd__(self, other: "Coverage") -> "Coverage":
        self.members += other.members
        self.paused += other.paused
        self.covered += other.covered
        self.overdue += other.overdue
        self.seen += other.seen
        self.days_since_seen_total += other.days_since_seen_total
        return self


def _trend(current: int | None, previous: int | None) -> str | None:
    if current is None or previous is None:
        return None
    if current > previous:
        return "up"
    if current < previous:
        return "down"
    return "same"


HELD = Q(status=Conversation.Status.HELD)
SCORED = HELD & (Q(energy__isnull=False) | Q(workload__isnull=False))


def _per_employee(aggregate, output_field) -> Subquery:
    """`aggregate` over every conversation of the outer query's employee, as a correlated subquery.

    A conversation's date is `scheduled_at` (when it took place; `held_at` is when it was marked as
    held), as in Rhythm.with_status. Only the employee is in the WHERE clause and every other condition
    sits in the aggregate's FILTER on purpose: the database then reads this person's rows from the
    (employee, ...) index. With the status in the WHERE clause, or an ORDER BY ... LIMIT 1, it prefers
    the (status, scheduled_at) index and walks every held conversation of the organisation, per person.
    """
    rows = Conversation.objects.filter(employee=OuterRef("pk")).order_by().values("employee")
    return Subquery(rows.annotate(value=aggregate).values("value"), output_field=output_field)


def _count(queryset: QuerySet) -> Coalesce:
    """A correlated COUNT(*) of `queryset` (already filtered on OuterRef("pk")), 0 when empty."""
    counted = queryset.order_by().values("employee").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


@dataclass
class _Latest:
    last_held_at: datetime.datetime | None = None
    last_kind: str | None = None
    scores: list[tuple[int | None, int | None]] = field(default_factory=list)


def _latest_conversations(employee_ids: list[int]) -> dict[int, _Latest]:
    """Per employee: the date and kind of their last held conversation, and the (energy, workload)
    of their last two held conversations that recorded wellbeing, newest first.

    One query however long the history: two window functions rank each person's conversations (held
    ones first, then newest first) and only the rows ranked first or second come back.
    """
    held_first = Case(When(HELD, then=Value(1)), default=Value(0))
    scored_first = Case(When(SCORED, then=Value(1)), default=Value(0))
    newest = [F("scheduled_at").desc(), F("pk").desc()]
    rows = (
        Conversation.objects.filter(employee__in=employee_ids)
        .annotate(
            dash_held=held_first,
            dash_scored=scored_first,
            dash_held_rank=Window(
                RowNumber(), partition_by=F("employee"), order_by=[held_first.desc(), *newest]
            ),
            dash_scored_rank=Window(
                RowNumber(), partition_by=F("employee"), order_by=[scored_first.desc(), *newest]
            ),
        )
        .filter(Q(dash_held_rank=1) | Q(dash_scored_rank__lte=2))
        .order_by()
        .values_list(
            "employee_id",
            "scheduled_at",
            "conversation_type__kind",
            "energy",
            "workload",
            "dash_held",
            "dash_scored",
            "dash_held_rank",
            "dash_scored_rank",
        )
    )
    latest: dict[int, _Latest] = {}
    scored: dict[int, dict[int, tuple]] = {}
    for employee_id, at, kind, energy, workload, is_held, is_scored, held_rank, scored_rank in rows:
        person = latest.setdefault(employee_id, _Latest())
        if is_held and held_rank == 1:
            person.last_held_at, person.last_kind = at, kind
        if is_scored and scored_rank <= 2:
            scored.setdefault(employee_id, {})[scored_rank] = (energy, workload)
    for employee_id, ranks in scored.items():
        latest[employee_id].scores = [ranks[rank] for rank in sorted(ranks)]
    return latest


def follow_up_statuses(*, employees: QuerySet | list[int], today: datetime.date) -> dict[int, FollowUpStatus]:
    """The follow-up rhythm status of each of `employees` (ids, or a queryset of pks used as a
    subquery) that has one, by employee id, in one query."""
    rhythms = (
        Rhythm.objects.with_status(today)
        .filter(employee__in=employees, conversation_type__kind=FOLLOW_UP)
        .order_by()  # a lookup by id: the default ordering by name would join users and sort
        .values_list(
            "employee_id",
            "cadence_days",
            "next_due_on",
            "is_overdue",
            "is_paused",
            "pause_reason",
            "resumes_on",
            "welcome_back_due",
        )
    )
    return {
        employee_id: FollowUpStatus(
            cadence_days=cadence_days,
            next_due_on=_as_date(next_due_on),
            is_overdue=bool(is_overdue),
            is_paused=bool(is_paused),
            pause_reason=pause_reason,
            resumes_on=resumes_on,
            welcome_back_due=bool(welcome_back_due),
        )
        for (
            employee_id,
            cadence_days,
            next_due_on,
            is_overdue,
            is_paused,
            pause_reason,
            resumes_on,
            welcome_back_due,
        ) in rhythms
    }


def _as_date(value) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, str):  # SQLite returns date arithmetic as text
        return datetime.date.fromisoformat(value[:10])
    return value


def team_member_rows(
    *, members: QuerySet[Employee], today: datetime.date, now: datetime.datetime, order: str = "next_due"
) -> list[MemberRow]:
    """The leader dashboard's table for `members` (a scoped queryset), in three queries plus the
    goals selector's, whatever the team size or history length. `order` is one of ORDERINGS."""
    # The next booking: the first row of the person's (employee, status, scheduled_at) index from now.
    # Looked up by the moment of a MIN() instead, PostgreSQL read it from the (status, scheduled_at)
    # index and filtered the organisation's bookings of that moment by person.
    upcoming = Conversation.objects.filter(
        employee=OuterRef("pk"), status=Conversation.Status.SCHEDULED, scheduled_at__gte=now
    ).order_by("scheduled_at", "pk")
    unconfirmed = HELD & Q(summary_confirmed_at__isnull=True)
    employees = list(
        members.select_related("user", "team")
        .annotate(
            dash_next_scheduled_at=Subquery(upcoming.values("scheduled_at")[:1]),
            dash_next_conversation_id=Subquery(upcoming.values("pk")[:1]),
            dash_unconfirmed=Coalesce(_per_employee(Count("pk", filter=unconfirmed), IntegerField()), 0),
            dash_open_action_items=_count(ActionItem.objects.open().filter(employee=OuterRef("pk"))),
        )
        .order_by()
    )
    ids = [employee.pk for employee in employees]
    latest = _latest_conversations(ids) if ids else {}
    statuses = follow_up_statuses(employees=ids, today=today)
    at_risk = goals_at_risk_counts(ids) if ids else {}
    rows = []
    for employee in employees:
        person = latest.get(employee.pk, _Latest())
        (energy, workload), (previous_energy, previous_workload) = (person.scores + [(None, None)] * 2)[:2]
        rows.append(
            MemberRow(
                employee=employee,
                last_held_at=person.last_held_at,
                last_kind=person.last_kind,
                next_scheduled_at=employee.dash_next_scheduled_at,
                next_conversation_id=employee.dash_next_conversation_id,
                open_action_items=employee.dash_open_action_items,
                unconfirmed_summaries=employee.dash_unconfirmed,
                energy=energy,
                workload=workload,
                previous_energy=previous_energy,
                previous_workload=previous_workload,
                goals_at_risk=at_risk.get(employee.pk, 0),
                follow_up=statuses.get(employee.pk),
            )
        )
    return sort_rows(rows, order)


def sort_rows(rows: list[MemberRow], order: str) -> list[MemberRow]:
    """Rows in the dashboard's `order`: "next_due" (soonest due first, then people without a
    follow-up rhythm, paused people last), "not_seen" (never seen first, then the longest since the
    last held conversation) or "name"."""

    def name(row):
        return row.employee.full_name.casefold()

    if order == "name":
        return sorted(rows, key=name)
    if order == "not_seen":
        return sorted(
            rows, key=lambda row: (row.last_held_at is not None, row.last_held_at or _LONG_AGO, name(row))
        )

    def next_due(row):
        if row.follow_up is None:
            return (1, datetime.date.max, name(row))
        if row.follow_up.is_paused:
            return (2, datetime.date.max, name(row))
        return (0, row.follow_up.next_due_on or datetime.date.max, name(row))

    return sorted(rows, key=next_due)


def coverage_of(rows: list[MemberRow], *, today: datetime.date) -> Coverage:
    """The coverage figure of the leader dashboard, from its rows (no query)."""
    coverage = Coverage()
    for row in rows:
        coverage.add(follow_up=row.follow_up, days_since_seen=days_since(row.last_held_at, today))
    return coverage


def days_since(moment: datetime.datetime | None, today: datetime.date) -> int | None:
    if moment is None:
        return None
    return (today - timezone.localdate(moment)).days


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
