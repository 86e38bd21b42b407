"""Report figures stored by the worker: an org-wide report reads a few hundred rows instead of the
period's records, at the price of being up to REPORT_REFRESH_MINUTES old (the page says as of when).

The worker refreshes every report for the last STORED_MONTHS months, this one included, in each time
zone of a site (zones whose months begin at the same instants share one count), counted over
everyone and split into `Members` (a team's people at one site who have or have not left). A viewer
reads the parts that hold someone of their scope, added up by the database, so HR and a manager get
the same figures as the live aggregation would give them. A period outside the stored months, or figures
older than twice the refresh interval (the worker is down), are counted live.
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection, transaction
from django.db.models import CharField, QuerySet
from django.db.models.functions import Cast
from django.utils import timezone

from config.bulk import insert_values
from config.counted import counted_at_from_text, fresh_since
from dashboards.models import ReportFigures, ReportRefresh
from dashboards.reports import (
    REPORTS,
    Cell,
    Period,
    Report,
    added_up,
    has_left,
    large_enough,
    months_back,
    report_groups,
    report_members,
)
from people.models import Employee, Site, Team

STORED_MONTHS = 24  # the longest period the report filters accept


@dataclass(frozen=True)
class Figures:
    groups: dict  # per site: its SiteGroups, or its cells when added up (report_figures)
    as_of: datetime.datetime | None  # when the stored figures were counted; None when counted now


def report_figures(
    report: Report,
    *,
    employees: QuerySet[Employee],
    period: Period,
    now: datetime.datetime,
    team_sites: dict[int, int] | None,
    whole_teams: bool = False,
) -> Figures:
    """`report`'s figures over `employees` (scoped and filtered) in `period`, by site id: with
    `team_sites` (the teams to show, by id, and their sites) each site's `SiteGroups`, for a table of
    teams; without, each site's cells as its page of teams adds them up (`SiteGroups.totals`), for the
    summary. Stored when a recent refresh covers the period (one query), otherwise counted now.
    `whole_teams`: `employees` are everyone in the teams of `team_sites` (without, in the
    organisation), as HR sees them: the stored figures of those teams are theirs, without matching
    them to the people one by one."""
    members = report_members(employees)
    stored = _stored(
        report, members=members, period=period, now=now, team_sites=team_sites, whole_teams=whole_teams
    )
    if stored is not None:
        return stored
    rows = [
        (members.team_id, month, people, sums)
        for members, month, people, sums in report.aggregate(employees=members, period=period)
    ]
    if team_sites is None:
        teams = Team.objects.filter(pk__in={team_id for team_id, *_figures in rows})
        groups = report_groups(rows, period=period, team_sites=dict(teams.values_list("pk", "site_id")))
        return Figures(groups={site: groups.totals() for site, groups in groups.items()}, as_of=None)
    return Figures(groups=report_groups(rows, period=period, team_sites=team_sites), as_of=None)


def _stored(
    report: Report,
    *,
    members: QuerySet[Employee],
    period: Period,
    now,
    team_sites: dict[int, int] | None,
    whole_teams: bool,
) -> Figures | None:
    """`report_figures` from the stored figures of the parts holding someone of `members`, added up
    by the database per team and month (for the summary, without `team_sites`, per site, month and
    whether the team's group is large enough); None when there are none (no recent refresh covering
    the period, or nothing to show: the live count then says which).

    One query. The parts are read once into a materialised set and the figures semi-joined to it: a
    subquery over the people was answered by probing them once per stored row whenever the planner
    misjudged how many rows a refresh has (up to 2 s at 5,000 people), and a plain join was estimated
    at a few rows out of 15,000, so the grouping sorted. The summary per site is a few dozen rows
    instead of a row per team and month. For `whole_teams` the figures of the teams shown are read
    without the parts (which cost 10 ms at 25,000 people)."""
    zone = shared_zone(timezone.get_current_timezone_name(), timezone.localdate(now))
    sum_fields = ReportFigures.SUM_FIELDS[: len(report.sum_keys)]
    figures = ReportFigures.objects.filter(
        refresh__report=report.key,
        refresh__time_zone=zone,
        refresh__first_month__lte=period.first,
        refresh__last_month__gte=period.last,
        refresh__refreshed_at__gte=fresh_since(now),
        month__gte=period.first,
        month__lte=period.last,
    ).values(
        "team_id",
        "site_id",
        "has_left",
        "month",
        "people",
        *sum_fields,
        # As text, parsed once below: a timestamp with time zone parsed on each of 3,000 rows cost
        # 80 ms, eight times the query.
        refreshed_at=Cast("refresh__refreshed_at", CharField()),
    )
    if whole_teams:
        if team_sites is not None:
            figures = figures.filter(team_id__in=list(team_sites))
        parts_cte, parts_params, in_scope = "", (), ""
    else:
        parts = members.order_by().values("team_id", "site_id", part_has_left=has_left()).distinct()
        parts_sql, parts_params = parts.query.sql_with_params()
        parts_cte = f"parts (team_id, site_id, has_left) AS MATERIALIZED ({parts_sql}), "
        in_scope = (
            "WHERE (figures.team_id, figures.site_id, figures.has_left) IN "
            "(SELECT team_id, site_id, has_left FROM parts) "
        )
    figures_sql, figures_params = figures.query.sql_with_params()
    sums = ", ".join(f"CAST(SUM({field}) AS BIGINT) AS {field}" for field in ("people", *sum_fields))
    per_team = (
        f"SELECT figures.team_id, figures.month, {sums}, MAX(figures.refreshed_at) AS refreshed_at "
        f"FROM figures {in_scope}GROUP BY figures.team_id, figures.month"
    )
    params = [*parts_params, *figures_params]
    if team_sites is None:
        team_table = connection.ops.quote_name(Team._meta.db_table)
        sums = ", ".join(f"CAST(SUM(per_team.{field}) AS BIGINT)" for field in ("people", *sum_fields))
        select = (
            f"SELECT team.site_id, per_team.month, per_team.people >= %s, {sums}, MAX(per_team.refreshed_at) "
            f"FROM ({per_team}) per_team JOIN {team_table} team ON team.id = per_team.team_id GROUP BY 1, 2, 3"
        )
        params.append(settings.REPORT_MIN_GROUP_SIZE)
    else:
        select = per_team
    columns = ", ".join(("team_id", "site_id", "has_left", "month", "people", *sum_fields, "refreshed_at"))
    sql = f"WITH {parts_cte}figures ({columns}) AS ({figures_sql}) {select}"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        stored = cursor.fetchall()
    if not stored:
        return None
    as_of = counted_at_from_text(stored[0][-1])
    keys = report.sum_keys
    if team_sites is not None:
        rows = (
            (team_id, _date(month), people, dict(zip(keys, sums, strict=True)))
            for team_id, month, people, *sums, _refreshed_at in stored
        )
        return Figures(groups=report_groups(rows, period=period, team_sites=team_sites), as_of=as_of)
    position = {month: index for index, month in enumerate(period.months)}
    months = len(position)
    nothing = [Cell()] * months
    shown: dict[int, list[Cell]] = {}  # per site, the groups large enough to be shown, added up
    small: dict[int, list[Cell]] = {}  # and the smaller ones: "Other teams"
    for site_id, month, large, people, *sums, _refreshed_at in stored:
        cells = (shown if large else small).setdefault(site_id, [Cell() for _month in range(months)])
        cells[position[_date(month)]] = Cell(people=people, sums=dict(zip(keys, sums, strict=True)))
    totals = {
        site_id: added_up([shown.get(site_id, nothing), large_enough(small.get(site_id, nothing))], months)
        for site_id in shown.keys() | small.keys()
    }
    return Figures(groups=totals, as_of=as_of)


def _date(value: datetime.date | str) -> datetime.date:
    """A date column of a raw query: SQLite gives it as text."""
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value)


def report_figures_refresh(*, now: datetime.datetime) -> int:
    """Count every report again for the stored months in each site's time zone and replace its
    figures; returns how many reports were refreshed. A report another refresh is writing at the same
    moment is skipped (its row is locked): that refresh stores the same figures."""
    refreshed = 0
    site_zones = Site.objects.order_by().values_list("time_zone", flat=True).distinct()
    for zone in sorted({shared_zone(zone, timezone.localdate(now, ZoneInfo(zone))) for zone in site_zones}):
        with timezone.override(zone):
            today = timezone.localdate(now)
            period = Period.covering(months_back(today, STORED_MONTHS - 1), today)
            for report in REPORTS.values():
                refreshed += _refresh(report, zone=zone, period=period, now=now)
    if refreshed and connection.vendor == "postgresql":
        # Fresh statistics for the planner: without them it probes the scope once per stored row
        # (290 ms at 5,000 people) instead of hashing the scope's parts once (10 ms).
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {ReportFigures._meta.db_table}")
    return refreshed


def _refresh(report: Report, *, zone: str, period: Period, now) -> bool:
    defaults = {"first_month": period.first, "last_month": period.last, "refreshed_at": now}
    ReportRefresh.objects.get_or_create(report=report.key, time_zone=zone, defaults=defaults)
    with transaction.atomic():
        refresh = (
            ReportRefresh.objects.select_for_update(skip_locked=True)
            .filter(report=report.key, time_zone=zone)
            .first()
        )
        if refresh is None:
            return False
        # Counted before writing: the COPY below holds the connection until it ends.
        groups = list(report.aggregate(employees=report_members(Employee.objects.all()), period=period))
        refresh.figures.all().delete()
        sum_fields = list(ReportFigures.SUM_FIELDS[: len(report.sum_keys)])
        insert_values(
            ReportFigures,
            (
                (refresh.pk, *members, month, people, *(sums[key] for key in report.sum_keys))
                for members, month, people, sums in groups
            ),
            # COPY on PostgreSQL: bulk_create spent 30 s of Python on a report's 60,000 rows at
            # 25,000 people.
            ["refresh", "team", "site", "has_left", "month", "people", *sum_fields],
        )
        ReportRefresh.objects.filter(pk=refresh.pk).update(**defaults)
    return True


@functools.lru_cache(maxsize=64)
def shared_zone(zone: str, today: datetime.date) -> str:
    """The first of the site time zones whose stored months begin at the same instants as in `zone`
    (and so whose today is the same): Oslo, Stockholm and Copenhagen read one count, Helsinki its own."""
    window = Period.covering(months_back(today, STORED_MONTHS - 1), today).months

    def starts(name):
        zone_info = ZoneInfo(name)
        return [datetime.datetime.combine(month, datetime.time(), zone_info).timestamp() for month in window]

    mine = starts(zone)
    return next((name for name in sorted(Site.TimeZone.values) if starts(name) == mine), zone)
