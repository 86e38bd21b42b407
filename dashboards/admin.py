from django.contrib import admin

from dashboards.models import ReportRefresh
from hr.admin import ReadOnlyAdmin


@admin.register(ReportRefresh)
class ReportRefreshAdmin(ReadOnlyAdmin):
    """When the worker last counted each report: figures are written by the refresh only."""

    list_display = ["report", "time_zone", "first_month", "last_month", "refreshed_at"]
    list_filter = ["report", "time_zone"]
