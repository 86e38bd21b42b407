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
from typing import Any

from django.db.models import (
    Case,
    Count,
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

from coaching.models import Conversation, ConversationType, CoverageConditions

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


def coverage_by(
    *, members: QuerySet[Employee], key: str | tuple[str, ...], today: datetime.date
) -> dict[Any, Coverage]:
    """Coverage of `members` (scoped) per value of `key` ("team_id" or "team__site_id"; a tuple of
    fields groups by their values together), counted by the database in one query whatever the number
    of people. Per person: the state of their follow-up
    rhythm (`coaching.models.CoverageConditions`) and the day of their last held conversation of any
    type, both from the columns of the rhythm (`last_held_at`, `last_seen_at`); only a member without
    a follow-up rhythm has their history looked up. Leaders filed under their own team are not members.
    """
    follow_up_type = ConversationType.objects.filter(kind=FOLLOW_UP).values("pk")
    follow_up = FilteredRelation("rhythms", condition=Q(rhythms__conversation_type=Subquery(follow_up_type)))
    # Plain conditions in COUNT(...) FILTER: PostgreSQL grouping or comparing by a CASE of the state
    # costs twice the rest of the query at 25,000 people.
    state = CoverageConditions.on(today, rhythm="follow_up__", started_on="started_on")
    seen_on = Case(
        When(follow_up__id__isnull=True, then=_last_held_on()), default=TruncDate("follow_up__last_seen_at")
    )
    keys = (key,) if isinstance(key, str) else key
    rows = (
        members.filter(team__isnull=False)
        .without_leaders_of_their_team()
        .alias(follow_up=follow_up, dash_days=DaysBetween(Value(today), seen_on))
        .order_by()
        .values_list(*keys)
        .annotate(
            dash_members=Count("pk"),
            dash_with_rhythm=Count("follow_up__id"),
            dash_paused=Count("pk", filter=state.paused),
            dash_overdue=Count("pk", filter=state.overdue),
            dash_seen=Count("dash_days", filter=state.not_paused),
            dash_days_total=Sum("dash_days", filter=state.not_paused),
        )
    )
    coverages = {}
    for row in rows:
        group = row[0] if isinstance(key, str) else row[: len(keys)]
        members_count, with_rhythm, paused, overdue, seen, days_total = row[len(keys) :]
        coverages[group] = Coverage(
            members=members_count,
            paused=paused,
            covered=with_rhythm - paused - overdue,
            overdue=overdue,
            seen=seen,
            days_since_seen_total=days_total or 0,
        )
    return coverages


def timeline_by_year(conversations: list[Conversation]) -> list[tuple[int, list[Conversation]]]:
    """`conversations` (newest first) grouped by the year they were (or are to be) held, in the
    current time zone, newest year first (no query)."""
    years: dict[int, list[Conversation]] = {}
    for conversation in conversations:
        years.setdefault(timezone.localtime(conversation.scheduled_at).year, []).append(conversation)
    return list(years.items())
