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

from django.db.models import F, OuterRef, QuerySet, Subquery
from django.db.models.functions import TruncDate
from django.utils import timezone

from coaching.models import Conversation, Rhythm

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


def _last_held_on() -> TruncDate:
    """The day (in the active time zone) of the outer query's employee's latest held conversation:
    one probe of the (employee, status, scheduled_at) index per person."""
    held = Conversation.objects.filter(HELD, employee=OuterRef("pk")).order_by("-scheduled_at")
    return TruncDate(Subquery(held.values("scheduled_at")[:1]))


def coverage_by(*, members: QuerySet[Employee], key: str, today: datetime.date) -> dict[int, Coverage]:
    """Coverage of `members` (scoped) per value of `key` ("team_id" or "team__site_id"), in one query
    whatever the number of people: per person the state of their follow-up rhythm
    (`Rhythm.objects.with_coverage_state`, probing the history only where it can apply) and the day
    of their last held conversation of any type. Leaders filed under their own team are not members."""
    state = (
        Rhythm.objects.filter(employee=OuterRef("pk"), conversation_type__kind=FOLLOW_UP)
        .with_coverage_state(today)
        .order_by()
        .values("coverage_state")[:1]
    )
    rows = (
        members.filter(team__isnull=False)
        .exclude(pk=F("team__leader"))
        .annotate(dash_state=Subquery(state), dash_last_held_on=_last_held_on())
        .order_by()
        .values_list(key, "dash_state", "dash_last_held_on")
    )
    coverage: dict[int, Coverage] = {}
    for group, follow_up, last_held_on in rows.iterator(chunk_size=5000):
        days = None if last_held_on is None else (today - last_held_on).days
        coverage.setdefault(group, Coverage()).count(state=follow_up, days_since_seen=days)
    return coverage


def timeline_by_year(conversations: list[Conversation]) -> list[tuple[int, list[Conversation]]]:
    """`conversations` (newest first) grouped by the year they were (or are to be) held, in the
    current time zone, newest year first (no query)."""
    years: dict[int, list[Conversation]] = {}
    for conversation in conversations:
        years.setdefault(timezone.localtime(conversation.scheduled_at).year, []).append(conversation)
    return list(years.items())
