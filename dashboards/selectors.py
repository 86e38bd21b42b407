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
from dataclasses import dataclass

from django.db.models import (
    Case,
    CharField,
    Count,
    F,
    FilteredRelation,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import TruncDate
from django.utils import timezone

from coaching.models import (
    COVERAGE_COVERED,
    COVERAGE_OVERDUE,
    COVERAGE_PAUSED,
    Conversation,
    ConversationType,
    coverage_state,
)

# The team table and the follow-up status live in coaching: the weekly digest reads them too.
from coaching.selectors import (  # noqa: F401 (the dashboard views and their tests import them from here)
    FOLLOW_UP,
    HELD,
    ORDERINGS,
    Coverage,
    FollowUpStatus,
    MemberRow,
    coverage_of,
    days_since,
    follow_up_statuses,
    sort_rows,
    team_member_rows,
)
from people.models import Employee, Site, Team


@dataclass
class TeamCoverage:
    """One line of a site's coverage page: a team and the coverage of its members."""

    team: Team
    coverage: Coverage


@dataclass
class SiteCoverage:
    """One line of the coverage summary: a site and the coverage of the members of its teams."""

    site: Site
    coverage: Coverage


class DaysBetween(Func):
    """`DaysBetween(end, start)`: whole days from the date `start` to the date `end`, on PostgreSQL
    and SQLite."""

    output_field = IntegerField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler, connection, template="(%(expressions)s)", arg_joiner=" - ", **extra_context
        )

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            template="CAST(julianday(%(expressions)s) AS INTEGER)",
            arg_joiner=") - julianday(",
            **extra_context,
        )


def _last_held_on() -> TruncDate:
    """The day (in the active time zone) of the outer query's employee's latest held conversation:
    one probe of the (employee, status, scheduled_at) index."""
    held = Conversation.objects.filter(HELD, employee=OuterRef("pk")).order_by("-scheduled_at")
    return TruncDate(Subquery(held.values("scheduled_at")[:1]))


def coverage_by(*, members: QuerySet[Employee], key: str, today: datetime.date) -> dict[int, Coverage]:
    """Coverage of `members` (scoped) per value of `key` ("team_id" or "team__site_id"), counted by
    the database in one query whatever the number of people. Per person: the state of their follow-up
    rhythm (`coaching.models.coverage_state`) and the day of their last held conversation of any type,
    both from the columns of the rhythm (`last_held_at`, `last_seen_at`); only a member without a
    follow-up rhythm has their history looked up. Leaders filed under their own team are not members."""
    follow_up_type = ConversationType.objects.filter(kind=FOLLOW_UP).values("pk")
    follow_up = FilteredRelation("rhythms", condition=Q(rhythms__conversation_type=Subquery(follow_up_type)))
    no_rhythm = Q(follow_up__id__isnull=True)
    state = Case(
        When(no_rhythm, then=Value(None, output_field=CharField())),
        default=coverage_state(today, rhythm="follow_up__", started_on="started_on"),
    )
    seen_on = Case(When(no_rhythm, then=_last_held_on()), default=TruncDate("follow_up__last_seen_at"))
    counted_and_seen = (
        Q(dash_state__in=[COVERAGE_COVERED, COVERAGE_OVERDUE]) | Q(dash_state__isnull=True)
    ) & Q(dash_seen_on__isnull=False)
    rows = (
        members.filter(team__isnull=False)
        .exclude(pk=F("team__leader"))
        .alias(follow_up=follow_up)
        .alias(dash_state=state, dash_seen_on=seen_on)
        .order_by()
        .values(key)
        .annotate(
            dash_members=Count("pk"),
            dash_paused=Count("pk", filter=Q(dash_state=COVERAGE_PAUSED)),
            dash_covered=Count("pk", filter=Q(dash_state=COVERAGE_COVERED)),
            dash_overdue=Count("pk", filter=Q(dash_state=COVERAGE_OVERDUE)),
            dash_seen=Count("pk", filter=counted_and_seen),
            dash_days=Sum(DaysBetween(Value(today), F("dash_seen_on")), filter=counted_and_seen),
        )
    )
    return {
        row[key]: Coverage(
            members=row["dash_members"],
            paused=row["dash_paused"],
            covered=row["dash_covered"],
            overdue=row["dash_overdue"],
            seen=row["dash_seen"],
            days_since_seen_total=row["dash_days"] or 0,
        )
        for row in rows
    }


def timeline_by_year(conversations: list[Conversation]) -> list[tuple[int, list[Conversation]]]:
    """`conversations` (newest first) grouped by the year they were (or are to be) held, in the
    current time zone, newest year first (no query)."""
    years: dict[int, list[Conversation]] = {}
    for conversation in conversations:
        years.setdefault(timezone.localtime(conversation.scheduled_at).year, []).append(conversation)
    return list(years.items())
