"""Report figures refreshed by the worker, so that an org-wide report reads a few hundred stored rows
instead of a period's conversations, goals and trainings on every request (dashboards.figures)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from people.models import Site, Team


class ReportRefresh(models.Model):
    """The latest refresh of one report in one time zone (months are counted on a site's wall clock,
    and a viewer reads them in their site's zone): the months it covers and when it ran."""

    report = models.CharField(_("report"), max_length=20)
    time_zone = models.CharField(_("time zone"), max_length=40)
    first_month = models.DateField(_("first month"))
    last_month = models.DateField(_("last month"))
    refreshed_at = models.DateTimeField(_("refreshed at"))

    class Meta:
        verbose_name = _("report refresh")
        verbose_name_plural = _("report refreshes")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "time_zone"], name="dashboards_refresh_unique_report_zone"
            )
        ]

    def __str__(self):
        return f"{self.report} · {self.time_zone}"


class ReportFigures(models.Model):
    """One report's figures of one month at the refresh, for the members of a team at one site who
    had or had not left: the parts a viewer's scope is made of (HR sees every part, a manager the parts
    still employed at their sites). Plain columns rather than JSON: a page reads thousands of these,
    and decoding JSON cost more than the query. `sum1`… are the report's sums in the order of its
    `sum_keys`."""

    # Derived rows, rewritten by every refresh: one index (the reading one) and no foreign-key checks
    # on teams and sites, which made writing 60,000 rows per report twice as slow at 25,000 people.
    # Deleting a team or site still deletes its figures (Django's cascade).
    refresh = models.ForeignKey(ReportRefresh, models.CASCADE, related_name="figures", db_index=False)
    team = models.ForeignKey(Team, models.CASCADE, related_name="+", db_index=False, db_constraint=False)
    site = models.ForeignKey(Site, models.CASCADE, related_name="+", db_index=False, db_constraint=False)
    has_left = models.BooleanField()
    month = models.DateField()
    people = models.PositiveIntegerField()
    sum1 = models.BigIntegerField(db_default=0)
    sum2 = models.BigIntegerField(db_default=0)
    sum3 = models.BigIntegerField(db_default=0)
    sum4 = models.BigIntegerField(db_default=0)

    SUM_FIELDS = ("sum1", "sum2", "sum3", "sum4")

    class Meta:
        verbose_name = _("report figures")
        verbose_name_plural = _("report figures")
        indexes = [models.Index(fields=["refresh", "month"], name="dashboards_figures_month_idx")]

    def __str__(self):
        return f"{self.refresh} · {self.month:%Y-%m} · {self.team_id}"


class StoredCoverage(models.Model):
    """The coverage of one team's active members who work at one site when the worker last counted
    them (every REPORT_REFRESH_MINUTES, for `counted_on`): the coverage page of a manager or HR adds
    up these rows (2,500 at 25,000 people) instead of reading every member's follow-up rhythm on each
    request, which cost 25–30 ms of SQL. Split by site because a manager sees the people of their sites."""

    team = models.ForeignKey(Team, models.CASCADE, related_name="+", verbose_name=_("team"))
    site = models.ForeignKey(Site, models.CASCADE, related_name="+", verbose_name=_("site"))
    members = models.PositiveIntegerField(_("Members"))
    paused = models.PositiveIntegerField(_("Paused"))
    covered = models.PositiveIntegerField(_("Within rhythm"))
    overdue = models.PositiveIntegerField(_("Overdue"))
    seen = models.PositiveIntegerField(_("members seen"))
    days_since_seen_total = models.PositiveBigIntegerField(_("days since seen, summed"))
    counted_on = models.DateField(_("counted for"))
    counted_at = models.DateTimeField(_("counted at"))

    FIGURES = ("members", "paused", "covered", "overdue", "seen", "days_since_seen_total")

    class Meta:
        verbose_name = _("stored coverage")
        verbose_name_plural = _("stored coverage")
        constraints = [
            models.UniqueConstraint(fields=["team", "site"], name="dashboards_stored_coverage_once")
        ]

    def __str__(self):
        return f"{self.team_id} · {self.site_id} · {self.counted_at:%Y-%m-%d %H:%M}"
