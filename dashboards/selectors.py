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
from django.utils import timezone

from coaching.models import Conversation

# The team table and the follow-up status live in coaching: the weekly digest reads them too.
from coaching.selectors import (  # noqa: F401 (the dashboard views and their tests import them from here)
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
from people.models import Employee, Team


@dataclass
class TeamCoverage:
    """One line of the coverage page: a team and the coverage of its members."""

    team: Team
    coverage: Coverage


def _last_held_at() -> Subquery:
    """The start of the outer query's employee's latest held conversation: one probe of the
    (employee, status, scheduled_at) index per person."""
    held = Conversation.objects.filter(HELD, employee=OuterRef("pk")).order_by("-scheduled_at")
    return Subquery(held.values("scheduled_at")[:1])


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
        days = days_since(last_held_at, today)
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
