"""The report pages (HR: the organisation; managers: their sites) and the CSV of the same figures.

Every figure starts from `Employee.objects.visible_to(user)`: a site or team outside the viewer's scope
is a 404, a malformed filter (a word for a team, a period that ends before it starts) a 400 page saying
what is wrong.
"""

import csv
import io
from dataclasses import dataclass
from itertools import groupby
from operator import attrgetter

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from config.counted import as_of_context
from dashboards.figures import Figures, report_figures
from dashboards.forms import ReportQueryForm
from dashboards.reports import (
    REPORTS,
    Period,
    Report,
    SiteGroups,
    SiteRef,
    TeamRef,
    added_up,
    site_table,
    team_table,
    with_texts,
)
from people.models import Employee, Site, Team, sees_everyone
from people.views import TEAM_OPTIONS

TEAMS_PER_PAGE = 50


@dataclass
class Selection:
    """What the filters choose among what the viewer may see. Without a site or team, a viewer with
    teams at several sites gets the summary per site (`by_site`); otherwise the teams of one site."""

    sites: list[SiteRef]  # every site where the viewer sees a team, by name
    site: SiteRef | None
    team: TeamRef | None
    teams: list[TeamRef] | None  # the viewer's teams at the chosen site by name; the summary needs none
    period: Period
    employees: QuerySet[Employee]  # scoped and filtered
    whole_teams: bool  # `employees` are everyone in the teams shown (HR without a team chosen)

    @property
    def by_site(self) -> bool:
        return self.site is None


def _report(key) -> Report:
    try:
        return REPORTS[key]
    except KeyError:
        raise Http404 from None


def _viewers_teams(user) -> list[TeamRef]:
    """Every team `user` may see with its site, by site and team name: one query of names, which
    also gives the sites, the team filter and the rows their names (at 500 teams, model instances cost
    several times as much)."""
    return [
        TeamRef(*row)
        for row in Team.objects.visible_to(user)
        .order_by("site__name", "name", "pk")
        .values_list("pk", "name", "site_id", "site__name")
    ]


def _viewers_sites(user) -> list[SiteRef]:
    """Every site where `user` may see a team, by name (the summary's rows and the site filter)."""
    teams = Team.objects.visible_to(user).values("site_id")
    return [
        SiteRef(*row)
        for row in Site.objects.filter(pk__in=teams).order_by("name", "pk").values_list("pk", "name")
    ]


def _select(request, form: ReportQueryForm, *, every_team: bool = False) -> Selection:
    """The people the filters choose among those the viewer may see; 404 for a site or team out of
    scope. A team at another site than the one chosen is dropped: the team filter lists the chosen
    site's teams. The summary per site reads the viewer's sites only, unless `every_team`."""
    params = form.cleaned()
    if every_team or "site" in params or "team" in params:
        teams = _viewers_teams(request.user)
        sites = list(dict.fromkeys(team.site for team in teams))
    else:
        teams = None
        sites = _viewers_sites(request.user)
        if len(sites) == 1:
            teams = _viewers_teams(request.user)
    employees = Employee.objects.visible_to(request.user)
    site = team = None
    if "site" in params:
        site = next((site for site in sites if site.pk == params["site"]), None)
        if site is None:
            raise Http404
    if "team" in params:
        team = next((team for team in teams if team.pk == params["team"]), None)
        if team is None:
            raise Http404
        if site is not None and team.site != site:
            team = None
        else:
            site = team.site
    if site is None and len(sites) == 1:
        site = sites[0]
    if team is not None:
        employees = employees.filter(team=team.pk)
    elif site is not None and len(sites) > 1:
        employees = employees.filter(team__site=site.pk)
    if site is not None:
        teams = [candidate for candidate in teams if candidate.site_id == site.pk]
    return Selection(
        sites=sites,
        site=site,
        team=team,
        teams=teams,
        period=params["period"],
        employees=employees,
        whole_teams=team is None and sees_everyone(request.user),
    )


def _figures(report: Report, selection: Selection) -> Figures:
    """The report's figures per site (each site's cells for the summary, its groups for a table of
    teams: `report_figures`)."""
    team_sites = None if selection.teams is None else {team.pk: team.site_id for team in selection.teams}
    return report_figures(
        report,
        employees=selection.employees,
        period=selection.period,
        now=timezone.now(),
        team_sites=team_sites,
        whole_teams=selection.whole_teams,
    )


def report_index(request):
    """The list of reports."""
    return render(
        request,
        "dashboards/reports/index.html",
        {"reports": REPORTS.values(), "min_group_size": settings.REPORT_MIN_GROUP_SIZE},
    )


def report_detail(request, key):
    """One report for the chosen period: a summary per site, or the teams of one site (50 to a page),
    or one team, by month, with the chart of the totals."""
    report = _report(key)
    form = ReportQueryForm(request.GET)
    context = {"report": report, "form": form, "min_group_size": settings.REPORT_MIN_GROUP_SIZE}
    if not form.is_valid():
        context["sites"] = _viewers_sites(request.user)
        return render(request, "dashboards/reports/report.html", context, status=400)
    selection = _select(request, form)
    figures = _figures(report, selection)
    if selection.by_site:
        table = site_table(figures.groups, sites=selection.sites, period=selection.period)
    else:
        table = team_table(figures.groups, teams=selection.teams, period=selection.period)
    page = Paginator(table.rows, TEAMS_PER_PAGE).get_page(form.cleaned_data.get("page"))
    with_texts(report, [*page.object_list, table.totals])
    team_options, team_search = _team_options(selection)
    context.update(
        selection=selection,
        sites=selection.sites,
        several_sites=len(selection.sites) > 1,
        team_options=team_options,
        team_search=team_search,
        table=table,
        page=page,
        chart=report.chart(table),
        **as_of_context(figures.as_of),
    )
    return render(request, "dashboards/reports/report.html", context)


def _team_options(selection: Selection) -> tuple[str, bool]:
    """The team filter's options, written here (as a loop in the template, the 225 teams of the
    largest site of 5,000 people cost a tenth of the page), and whether it is searched instead: a site
    of more than TEAM_OPTIONS teams offers the chosen one, and a search box fills the list through
    htmx (people:team_options, as in the people lists)."""
    teams = selection.teams or []
    searched = len(teams) > TEAM_OPTIONS
    if searched:
        teams = [selection.team] if selection.team else []
    options = format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((team.pk, mark_safe(" selected") if team == selection.team else "", team.name) for team in teams),
    )
    return options, searched


def report_csv(request, key):
    """The report's figures as CSV, streamed: per site, a line per team (and "Other teams") and month
    shown and, when there are several sites, the site's totals; then the totals of everything shown."""
    report = _report(key)
    form = ReportQueryForm(request.GET)
    if not form.is_valid():
        return report_detail(request, key)
    selection = _select(request, form, every_team=True)
    period = selection.period
    # The words now, in the reader's language: the lines are written after the view has returned.
    words = CsvWords(
        header=[_("Team"), _("Site"), _("Month"), *(str(column.label) for column in report.columns)],
        other=_("Other teams"),
        everyone=_("All teams shown"),
    )
    response = StreamingHttpResponse(
        _csv_lines(report, _figures(report, selection).groups, selection, words),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="samtal-{report.key}-{period.first:%Y-%m}-{period.last:%Y-%m}.csv"'
    )
    return response


@dataclass(frozen=True)
class CsvWords:
    header: list[str]
    other: str
    everyone: str


def _csv_lines(report: Report, groups: dict[int, SiteGroups], selection: Selection, words: CsvWords):
    """The CSV's lines, a site at a time, from figures already counted: no query while streaming."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def write(label, site_name, cells):
        writer.writerows(
            [label, site_name, month, *[value(cell) for value in values]]
            for month, cell in zip(month_labels, cells, strict=True)
            if cell is not None
        )

    def written():
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    months, period = selection.period.months, selection.period
    month_labels = [f"{month:%Y-%m}" for month in months]
    values = [column.value for column in report.columns]
    other, everyone = words.other, words.everyone
    several = selection.by_site and len(selection.sites) > 1
    writer.writerow(words.header)
    # A byte-order mark first: spreadsheet programs then read å, ä, ö and ø right.
    yield "\ufeff" + written()
    shown = []
    for _site_id, teams in groupby(selection.teams, key=attrgetter("site_id")):
        teams = list(teams)
        site = teams[0].site
        table = team_table(groups, teams=teams, period=period)
        for row in table.rows:
            write(row.team.name if row.team else other, site.name, row.cells)
        if several and not table.is_empty:
            write(everyone, site.name, table.totals.cells)
        shown.append(table.totals.cells)
        yield written()
    write(everyone, "", added_up(shown, len(months)))
    yield written()
