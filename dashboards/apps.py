from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class DashboardsConfig(AppConfig):
    """Pages that gather a team's or a person's picture from coaching and goals (the layer above both)."""

    name = "dashboards"
    verbose_name = _("Dashboards")

    def ready(self):
        from dashboards.checks import report_min_group_size_check

        checks.register(report_min_group_size_check)
