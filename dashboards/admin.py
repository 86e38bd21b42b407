from django.contrib import admin

from dashboards.models import ReportRefresh, StoredCoverage
from hr.admin import ReadOnlyAdmin


@admin.register(ReportRefresh)
class ReportRefreshAdmin(ReadOnlyAdmin):
    """When the worker last counted each report: figures are written by the refresh only."""

    list_display = ["report", "time_zone", "first_month", "last_month", "refreshed_at"]
    list_filter = ["report", "time_zone"]


@admin.register(StoredCoverage)
class StoredCoverageAdmin(ReadOnlyAdmin):
    """The coverage the worker last counted per team and site: written by the refresh only."""

    list_display = ["team", "site", "members", "paused", "covered", "overdue", "counted_on", "counted_at"]
    list_filter = ["site"]
    list_select_related = ["team__site", "site"]
