"""HR's state changes: the access log, legal holds, erasure and the retention sweep."""

import datetime

from django.conf import settings
from django.utils import timezone

from hr.models import AccessLogEntry
from people.auth import client_ip_address


def access_log_record(sender, *, request, subject_id, what, **kwargs):
    """The receiver of people.access_log.personal_data_viewed: one insert per page."""
    AccessLogEntry.objects.create(
        viewer=request.user if request.user.is_authenticated else None,
        subject_id=subject_id,
        what=what,
        ip_address=client_ip_address(request) or None,
    )


def access_log_purge(*, now: datetime.datetime | None = None) -> int:
    """Delete the access-log rows older than ACCESS_LOG_RETENTION_DAYS; the number deleted."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=settings.ACCESS_LOG_RETENTION_DAYS)
    deleted, _ = AccessLogEntry.objects.filter(at__lt=cutoff).delete()
    return deleted
