"""Figures the worker counts every REPORT_REFRESH_MINUTES and pages read "as of" then (the reports,
the coverage page, HR's trainings matrix): when they are still read, and how a count replaces the last."""

import datetime

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone


def fresh_since(now: datetime.datetime) -> datetime.datetime:
    """The oldest count a page still reads: two intervals back, so one late tick of the worker is
    not noticed; older (the worker is down), the page counts live."""
    return now - 2 * datetime.timedelta(minutes=settings.REPORT_REFRESH_MINUTES)


def counted_at_from_text(text: str) -> datetime.datetime:
    """The time of a count read as text (a timestamp parsed on each of thousands of rows costs more
    than the query): SQLite keeps UTC without an offset."""
    moment = datetime.datetime.fromisoformat(text)
    return timezone.make_aware(moment, datetime.UTC) if timezone.is_naive(moment) else moment


def as_of_context(as_of: datetime.datetime | None) -> dict:
    """What templates/_as_of.html says: when the figures were counted (None: now) and how often."""
    return {"as_of": as_of, "refresh_minutes": settings.REPORT_REFRESH_MINUTES}


def counts_replace(model: type[models.Model], rows: list, *, unique_fields, update_fields, now) -> int:
    """Write a refresh's `rows` (counted at `now`) over the last ones and remove those it did not
    count again; returns how many were written. Two refreshes at once both end with one row per key:
    each upserts its rows, then removes the rows older than its own."""
    with transaction.atomic():
        model.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=unique_fields,
            update_fields=[*update_fields, "counted_at"],
        )
        model.objects.filter(counted_at__lt=now).delete()
    return len(rows)
