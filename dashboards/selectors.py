"""Set-based reads behind the dashboards: a team's table, the coverage of a site, one person's picture.

The views scope first (`Employee.objects.visible_to(user)`, `Team.objects.visible_to(user)`) and hand
the scoped querysets in here. Every function runs a fixed number of SQL queries whatever the team
size, the site size or the length of the history: per-person figures are correlated subqueries or
one grouped query, never a query per row.

"Covered" means "within their rhythm": the person's one-on-one follow-up rhythm is not paused and
not overdue (`Rhythm.objects.with_status(today)`), so a new hire whose first follow-up is not due yet
counts as covered. Paused people are left out of the denominator. A member without a follow-up
rhythm counts as not covered: nobody has agreed how often to see them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import (
    Case,
    Count,
    DateTimeField,
    F,
    IntegerField,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber
from django.utils import timezone

from coaching.models import ActionItem, Conversation, ConversationType, Rhythm
from goals.selectors import goals_at_risk_counts
from people.models import Employee, Team

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


@dataclass
class Coverage:
    """Coverage of a group of people: who is within their rhythm, who is overdue, who is paused."""

    members: int = 0
    paused: int = 0
    covered: int = 0
    overdue: int = 0
    days_since_seen: list[int] = field(default_factory=list, repr=False)

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
        if not self.days_since_seen:
            return None
        return round(sum(self.days_since_seen) / len(self.days_since_seen))

    def add(self, *, follow_up: FollowUpStatus | None, days_since_seen: int | None) -> None:
        self.members += 1
        if follow_up is not None and follow_up.is_paused:
            self.paused += 1
            return
        if follow_up is not None and follow_up.is_overdue:
            self.overdue += 1
        elif follow_up is not None:
            self.covered += 1
        if days_since_seen is not None:
            self.days_since_seen.append(days_since_seen)


@dataclass
class TeamCoverage:
    """One line of the coverage page: a team and the coverage of its members."""

    team: Team
    coverage: Coverage


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


def _last_held_at() -> Subquery:
    """The start of the outer query's employee's latest held conversation: one probe of the
    (employee, status, scheduled_at) index per person."""
    held = Conversation.objects.filter(HELD, employee=OuterRef("pk")).order_by("-scheduled_at")
    return Subquery(held.values("scheduled_at")[:1])


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
    upcoming = Q(status=Conversation.Status.SCHEDULED, scheduled_at__gte=now)
    unconfirmed = HELD & Q(summary_confirmed_at__isnull=True)
    employees = list(
        members.select_related("user", "team")
        .annotate(
            dash_next_scheduled_at=_per_employee(Min("scheduled_at", filter=upcoming), DateTimeField()),
            dash_unconfirmed=Coalesce(_per_employee(Count("pk", filter=unconfirmed), IntegerField()), 0),
            dash_open_action_items=_count(ActionItem.objects.open().filter(employee=OuterRef("pk"))),
        )
        .annotate(  # the booking itself, found by its moment on the person's own index
            dash_next_conversation_id=Subquery(
                Conversation.objects.filter(
                    employee=OuterRef("pk"),
                    status=Conversation.Status.SCHEDULED,
                    scheduled_at=OuterRef("dash_next_scheduled_at"),
                ).values("pk")[:1]
            )
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
        coverage.add(follow_up=row.follow_up, days_since_seen=_days_since(row.last_held_at, today))
    return coverage


def _days_since(moment: datetime.datetime | None, today: datetime.date) -> int | None:
    if moment is None:
        return None
    return (today - timezone.localdate(moment)).days


def team_coverage(
    *, teams: QuerySet[Team], members: QuerySet[Employee], today: datetime.date
) -> tuple[list[TeamCoverage], Coverage]:
    """Coverage per team of `teams` over `members` (both scoped), and the totals, in three queries
    whatever the number of teams or people: the teams, each member's last held conversation (any
    type), and the members' follow-up rhythms."""
    team_list = list(
        teams.select_related("site", "leader__user")
        .only(
            "name",
            "site__name",
            *(f"leader__user__{name}" for name in ("username", "first_name", "last_name")),
        )
        .order_by("site__name", "name")
    )
    by_team = {team.pk: TeamCoverage(team=team, coverage=Coverage()) for team in team_list}
    if not by_team:
        return [], Coverage()
    in_teams = members.filter(team__in=teams.values("pk")).exclude(pk=F("team__leader"))
    people = list(
        in_teams.annotate(dash_last_held_at=_last_held_at())
        .order_by()
        .values_list("pk", "team_id", "dash_last_held_at")
    )
    statuses = follow_up_statuses(employees=in_teams.order_by().values("pk"), today=today)
    totals = Coverage()
    for pk, team_id, last_held_at in people:
        days = _days_since(last_held_at, today)
        by_team[team_id].coverage.add(follow_up=statuses.get(pk), days_since_seen=days)
        totals.add(follow_up=statuses.get(pk), days_since_seen=days)
    return list(by_team.values()), totals


def timeline_by_year(conversations: list[Conversation]) -> list[tuple[int, list[Conversation]]]:
    """`conversations` (newest first) grouped by the year they were (or are to be) held, in the
    current time zone, newest year first (no query)."""
    years: dict[int, list[Conversation]] = {}
    for conversation in conversations:
        years.setdefault(timezone.localtime(conversation.scheduled_at).year, []).append(conversation)
    return list(years.items())
