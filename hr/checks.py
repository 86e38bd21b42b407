from django.conf import settings
from django.core.checks import Error, register

MIN_GROUP_FLOOR = 3  # below this an aggregate singles people out, whatever the organisation decides


@register()
def report_min_group_size_check(app_configs, **kwargs):
    if settings.REPORT_MIN_GROUP_SIZE < MIN_GROUP_FLOOR:
        return [
            Error(
                f"REPORT_MIN_GROUP_SIZE is {settings.REPORT_MIN_GROUP_SIZE}; it may not be below {MIN_GROUP_FLOOR}.",
                hint="Set REPORT_MIN_GROUP_SIZE to 3 or more (default 5).",
                id="hr.E001",
            )
        ]
    return []
