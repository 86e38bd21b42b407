"""Coverage counted by the worker for the coverage page of managers and HR (`StoredCoverage`).

The refresh counts every active member once per team and site, every REPORT_REFRESH_MINUTES; a viewer
whose scope is whole sites adds up the rows of those sites and reads the figures "as of" the refresh.
Counts of another day (the viewer's today in their time zone) or older than twice the interval (the
worker is down) are not read: the page counts live instead. A team's own page (the leader dashboard)
is always live.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import BigIntegerField, CharField, Min, QuerySet, Sum
from django.db.models.functions import Cast
from django.utils import timezone

from config.counted import counted_at_from_text, counts_replace, fresh_since
from dashboards.models import StoredCoverage
from dashboards.selectors import Coverage, coverage_by
from people.models import Employee, Site


@dataclass(frozen=True)
class CoverageCounts:
    by_group: dict[int, Coverage]  # per value of the key asked for
    as_of: datetime.datetime | None  # when the worker counted them; None when counted now


def coverage_refresh(*, now: datetime.datetime) -> int:
    """Count every team's active members per site again and replace the stored coverage; returns how
    many rows were written. Two refreshes at once write the same counts: each upserts its rows, then
    removes the rows older than its own (`counts_replace`)."""
    today = timezone.localdate(now)
    counted = coverage_by(members=Employee.objects.active(today), key=("team_id", "site_id"), today=today)
    rows = [
        StoredCoverage(
            team_id=team_id,
            site_id=site_id,
            counted_on=today,
            counted_at=now,
            **{figure: getattr(coverage, figure) for figure in StoredCoverage.FIGURES},
        )
        for (team_id, site_id), coverage in sorted(counted.items())
    ]
    return counts_replace(
        StoredCoverage,
        rows,
        unique_fields=["team", "site"],
        update_fields=[*StoredCoverage.FIGURES, "counted_on"],
        now=now,
    )


def stored_coverage(
    *, sites: QuerySet[Site], key: str, teams_at: Site | None = None, now: datetime.datetime
) -> CoverageCounts | None:
    """The stored coverage of the people working at `sites` (the viewer's, scoped), per value of `key`
    ("team_id" or "team__site_id") and only of the teams at `teams_at` when given: one query. None when
    there is no recent count for today (the worker is down, or has not counted yet)."""
    stored = StoredCoverage.objects.filter(
        site__in=sites,
        counted_on=timezone.localdate(now),
        counted_at__gte=fresh_since(now),
    )
    if teams_at is not None:
        stored = stored.filter(team__site=teams_at)
    rows = list(
        stored.order_by()
        .values_list(key)
        # As bigint: PostgreSQL sums a bigint column as numeric, which arrives as Decimal (slow to
        # read at a thousand teams).
        .annotate(
            **{f"sum_{figure}": Cast(Sum(figure), BigIntegerField()) for figure in StoredCoverage.FIGURES},
            # As text, parsed once below (`counted_at_from_text`).
            as_of=Cast(Min("counted_at"), CharField()),
        )
    )
    if not rows:
        return None
    return CoverageCounts(
        by_group={
            group: Coverage(**dict(zip(StoredCoverage.FIGURES, figures, strict=True)))
            for group, *figures, _as_of in rows
        },
        as_of=counted_at_from_text(min(row[-1] for row in rows)),
    )
