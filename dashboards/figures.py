"""Report figures stored by the worker: an org-wide report reads a few hundred rows instead of the
period's records, at the price of being up to REPORT_REFRESH_MINUTES old (the page says as of when).

The worker refreshes every report for the last STORED_MONTHS months, this one included, in each time
zone of a site (zones whose months begin at the same instants share one count), counted over everyone and split into `Members` (a team's people at one site who have
or have not left). A viewer reads the parts that hold someone of their scope, so HR and a manager read
the same rows as the live aggregation would give them. A period outside the stored months, or figures
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
from dashboards.models import ReportFigures, ReportRefresh
from dashboards.reports import (
    REPORTS,
    Members,
    Period,
    Report,
    has_left,
    months_back,
    report_members,
)
from people.models import Employee, Site

STORED_MONTHS = 24  # the longest period the report filters accept


@dataclass(frozen=True)
class Figures:
    rows: list[tuple]  # as Report.aggregate yields them
    as_of: datetime.datetime | None  # when the stored figures were counted; None when counted now


def report_figures(report: Report, *, employees: QuerySet[Employee], period: Period, now) -> Figures:
    """`report`'s rows over `employees` (scoped and filtered) in `period`: stored ones when a recent
    refresh covers the period, otherwise counted now. Two queries when stored, one more when not."""
    members = report_members(employees)
    stored = _stored(report, members=members, period=period, now=now)
    if stored is not None:
        return stored
    return Figures(rows=list(report.aggregate(employees=members, period=period)), as_of=None)


def _stored(report: Report, *, members: QuerySet[Employee], period: Period, now) -> Figures | None:
    """The stored parts holding someone of `members`; None when there are none (no recent refresh
    covering the period, or nothing to show: the live count then says which). Two queries: the parts
    `members` make up, then their teams' figures, kept where the part is one of them (in Python: the
    same test in SQL was answered by probing the people once per row whenever the planner misjudged
    how many rows a refresh has, up to 2 s at 5,000 people)."""
    in_scope = set(members.order_by().values_list("team_id", "site_id", has_left()).distinct())
    if not in_scope:
        return None
    zone = shared_zone(timezone.get_current_timezone_name(), timezone.localdate(now))
    fresh_after = now - 2 * datetime.timedelta(minutes=settings.REPORT_REFRESH_MINUTES)
    sum_fields = ReportFigures.SUM_FIELDS[: len(report.sum_keys)]
    stored = list(
        ReportFigures.objects.filter(
            refresh__report=report.key,
            refresh__time_zone=zone,
            refresh__first_month__lte=period.first,
            refresh__last_month__gte=period.last,
            refresh__refreshed_at__gte=fresh_after,
            month__gte=period.first,
            month__lte=period.last,
            team__in={team for team, _site, _left in in_scope},
        ).values_list(
            # As text, parsed once below: a timestamp with time zone parsed on each of 3,000 rows cost
            # 80 ms, eight times the query.
            Cast("refresh__refreshed_at", CharField()),
            "team_id",
            "site_id",
            "has_left",
            "month",
            "people",
            *sum_fields,
        )
    )
    if not stored:
        return None
    keys = report.sum_keys
    rows = [
        (Members(team_id, site_id, left), month, people, dict(zip(keys, sums, strict=True)))
        for _refreshed_at, team_id, site_id, left, month, people, *sums in stored
        if (team_id, site_id, left) in in_scope
    ]
    as_of = datetime.datetime.fromisoformat(stored[0][0])
    if timezone.is_naive(as_of):  # SQLite keeps UTC without an offset
        as_of = timezone.make_aware(as_of, datetime.UTC)
    return Figures(rows=rows, as_of=as_of)


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
