"""The report pages (HR: the organisation; managers: their sites) and the CSV of the same figures.

Every figure starts from `Employee.objects.visible_to(user)`: a site or team outside the viewer's scope
is a 404, a malformed filter (a word for a team, a period that ends before it starts) a 400 page saying
what is wrong.
"""

import csv
from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from dashboards.forms import ReportQueryForm
from dashboards.reports import REPORTS, Period, Report, Table, report_table, with_texts
from people.models import Employee, Site, Team

TEAMS_PER_PAGE = 50
TEAM_CHOICES = 300  # the team filter lists the chosen site's teams; a whole group has too many to list


@dataclass
class Selection:
    site: Site | None
    team: Team | None
    period: Period
    employees: QuerySet[Employee]  # scoped and filtered


def _report(key) -> Report:
    try:
        return REPORTS[key]
    except KeyError:
        raise Http404 from None


def _select(request, form: ReportQueryForm) -> Selection:
    """The people the filters choose among those the viewer may see; 404 for a site or team out of scope."""
    params = form.cleaned()
    employees = Employee.objects.visible_to(request.user)
    teams = Team.objects.visible_to(request.user)
    site = team = None
    if "site" in params:
        site = get_object_or_404(Site.objects.filter(pk__in=teams.values("site_id")), pk=params["site"])
        employees = employees.filter(team__site=site)
    if "team" in params:
        team = get_object_or_404(teams.select_related("site"), pk=params["team"])
        employees = employees.filter(team=team)
    return Selection(site=site, team=team, period=params["period"], employees=employees)


def _team_choices(teams: QuerySet[Team]) -> QuerySet[Team]:
    """The team filter's options: names and site names only (whole rows cost three times as much)."""
    return (
        teams.select_related("site").only("name", "site__name").order_by("site__name", "name")[:TEAM_CHOICES]
    )


def report_index(request):
    """The list of reports."""
    return render(
        request,
        "dashboards/reports/index.html",
        {"reports": REPORTS.values(), "min_group_size": settings.REPORT_MIN_GROUP_SIZE},
    )


def report_detail(request, key):
    """One report as a table of teams by month, with its chart, for the chosen site, team and period."""
    report = _report(key)
    form = ReportQueryForm(request.GET)
    context = {"report": report, "form": form, "min_group_size": settings.REPORT_MIN_GROUP_SIZE}
    teams = Team.objects.visible_to(request.user)
    context["sites"] = Site.objects.filter(pk__in=teams.values("site_id"))
    if not form.is_valid():
        context["team_choices"] = _team_choices(teams)
        return render(request, "dashboards/reports/report.html", context, status=400)
    selection = _select(request, form)
    if selection.site is not None:
        teams = teams.filter(site=selection.site)
    table = report_table(report, employees=selection.employees, period=selection.period)
    page = Paginator(table.rows, TEAMS_PER_PAGE).get_page(form.cleaned_data.get("page"))
    with_texts(report, [*page.object_list, table.totals])
    context.update(
        selection=selection,
        team_choices=_team_choices(teams),
        table=table,
        page=page,
        chart=report.chart(table),
    )
    return render(request, "dashboards/reports/report.html", context)


def report_csv(request, key):
    """The report's figures as CSV: one line per team (or "Other teams") and month shown, then the totals."""
    report = _report(key)
    form = ReportQueryForm(request.GET)
    if not form.is_valid():
        return report_detail(request, key)
    selection = _select(request, form)
    table = report_table(report, employees=selection.employees, period=selection.period)
    period = selection.period
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response.write("\ufeff")  # a byte-order mark: spreadsheet programs then read å, ä, ö and ø right
    response["Content-Disposition"] = (
        f'attachment; filename="samtal-{report.key}-{period.first:%Y-%m}-{period.last:%Y-%m}.csv"'
    )
    _write_csv(response, report, table)
    return response


def _write_csv(out, report: Report, table: Table) -> None:
    writer = csv.writer(out)
    writer.writerow([_("Team"), _("Site"), _("Month"), *(str(column.label) for column in report.columns)])
    other, everyone = _("Other teams"), _("All teams shown")
    for row, team, site in [
        *(
            (row, row.team.name if row.team else other, row.team.site.name if row.team else "")
            for row in table.rows
        ),
        (table.totals, everyone, ""),
    ]:
        for month, cell in zip(table.months, row.cells, strict=True):
            if cell is not None:
                writer.writerow(
                    [team, site, f"{month:%Y-%m}", *(column.value(cell) for column in report.columns)]
                )
