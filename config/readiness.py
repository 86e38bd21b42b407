"""Readiness for the load balancer: may this process take requests? Public, and it says only ok or
not ok per check (no versions, host names or error texts)."""

import time

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

BROKER_TIMEOUT_SECONDS = 2
LAST_SWEEP_KEY = "readiness:last-reminder-sweep"


def record_sweep():
    """Called by the worker after each successful reminder sweep (config/celery.py)."""
    cache.set(LAST_SWEEP_KEY, time.time(), None)


def database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except Exception:  # any failure means not ready; the reason stays in the log
        return False


def broker_ok() -> bool:
    from config.celery import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=0, timeout=BROKER_TIMEOUT_SECONDS)
        return True
    except Exception:
        return False


def sweep_ok() -> bool:
    last = cache.get(LAST_SWEEP_KEY)
    return last is not None and time.time() - last <= settings.READINESS_SWEEP_MAX_AGE


@login_not_required
@never_cache
@require_GET
def ready(request):
    checks = {"database": database_ok(), "broker": broker_ok()}
    if settings.READINESS_SWEEP_MAX_AGE is not None:
        checks["reminder_sweep"] = sweep_ok()
    return JsonResponse(checks, status=200 if all(checks.values()) else 503)
