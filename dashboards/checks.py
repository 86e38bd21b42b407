"""System checks of the dashboards: settings the reports rely on."""

from django.conf import settings
from django.core.checks import Error

SMALLEST_GROUP_ALLOWED = 3


def report_min_group_size_check(app_configs, **kwargs):
    """REPORT_MIN_GROUP_SIZE below 3 would let a report single out one or two people."""
    size = settings.REPORT_MIN_GROUP_SIZE
    if isinstance(size, int) and size >= SMALLEST_GROUP_ALLOWED:
        return []
    return [
        Error(
            f"REPORT_MIN_GROUP_SIZE is {size!r}; it must be a whole number of at least {SMALLEST_GROUP_ALLOWED}.",
            hint="Reports merge or hide smaller groups so that no one is singled out; set 5 or more.",
            id="dashboards.E001",
        )
    ]
