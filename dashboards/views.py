from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy

from coaching.models import ActionItem, Conversation
from config.counted import as_of_context
from dashboards import selectors
from dashboards.charts import wellbeing_chart
from dashboards.stored_coverage import CoverageCounts, stored_coverage
from goals.selectors import active_goals_with_progress
from onboarding.selectors import onboarding_progress_by_employee
from people.access_log import Viewed, log_access
from people.forms import IdField, QueryForm
from people.models import Employee, Role, Site, Team, sees_whole_sites
from people.privacy import Reading

TEAMS_PER_PAGE = 50  # coverage, teams of one site

ORDER_LABELS = {
    "next_due": gettext_lazy("Next due"),
    "not_seen": gettext_lazy("Not seen for longest"),
    "name": gettext_lazy("Name"),
}


def leader_dashboard(request):
    """A team leader's home: every member of the teams they lead, with the follow-up picture.

    Managers and HR open one team at a time (`?team=<pk>` within the teams they may see); a leader may
    narrow to one of the teams they lead. A team outside that scope is a 404.
    """
    viewer = getattr(request.user, "employee", None)
    is_leader = viewer is not None and viewer.role == Role.TEAM_LEADER
    teams = Team.objects.visible_to(request.user).select_related("site")
    if is_leader:
        teams = teams.filter(leader=viewer)
    team = None
    if request.GET.get("team"):
        try:
            team = get_object_or_404(teams, pk=int(request.GET["team"]))
        except ValueError:
            raise Http404 from None
    elif not is_leader:
        return redirect("dashboards:coverage")
    if is_leader:
        members = Employee.objects.visible_to(request.user, for_edit=True)
    else:
        members = Employee.objects.visible_to(request.user).active()
    members = members.without_leaders_of_their_team()
    if team is not None:
        members = members.filter(team=team)
    order = request.GET.get("order")
    order = order if order in selectors.ORDERINGS else selectors.ORDERINGS[0]
    today = timezone.localdate()
    rows = selectors.team_member_rows(members=members, today=today, now=timezone.now(), order=order)
    onboardings = onboarding_progress_by_employee([row.employee.pk for row in rows], today)
    for row in rows:  # the onboarding column: (onboarding, progress) of people onboarding now, else None
        row.onboarding = onboardings.get(row.employee.pk)
    return render(
        request,
        "dashboards/leader_dashboard.html",
        {
            "team": team,
            "led_teams": list(teams.order_by("name")) if is_leader else [],
            "can_coach": is_leader,
            "rows": rows,
            "coverage": selectors.coverage_of(rows, today=today),
            "order": order,
            "orderings": [(value, ORDER_LABELS[value]) for value in selectors.ORDERINGS],
            "today": today,
        },
    )


def coverage(request):
    """Coverage for managers (the sites they follow) and HR (everyone): a summary per site first, then
    the teams of one site (`?site=<pk>`, paged). A viewer whose teams are all at one site sees that
    site's teams at once. A site outside the viewer's scope is a 404. The figures are the worker's
    (`dashboards.stored_coverage`, "as of" when) while they are recent, else counted now."""
    query = QueryForm(request.GET, site=IdField()).cleaned()
    teams = Team.objects.visible_to(request.user)
    sites = list(Site.objects.filter(teams__in=teams).annotate(team_count=Count("teams")).order_by("name"))
    if "site" in query:
        site = next((site for site in sites if site.pk == query["site"]), None)
        if site is None:
            raise Http404
    elif len(sites) == 1:
        site = sites[0]
    else:
        counts = _coverage_counts(request.user, key="team__site_id")
        lines = [
            selectors.SiteCoverage(site=site, coverage=counts.by_group.get(site.pk, selectors.Coverage()))
            for site in sites
        ]
        return render(
            request,
            "dashboards/coverage.html",
            {"sites": lines, "totals": _sum(counts.by_group.values()), **as_of_context(counts.as_of)},
        )
    counts = _coverage_counts(request.user, key="team_id", teams_at=site)
    paginator = Paginator(
        teams.filter(site=site)
        .select_related("leader__user")
        .only(*(f"leader__user__{name}" for name in ("username", "first_name", "last_name")), "name")
        .order_by("name"),
        TEAMS_PER_PAGE,
    )
    paginator.count = site.team_count  # counted with the sites: no COUNT query of its own
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "dashboards/coverage.html",
        {
            "site": site,
            "several_sites": len(sites) > 1,
            "page": page,
            "teams": [
                selectors.TeamCoverage(team=team, coverage=counts.by_group.get(team.pk, selectors.Coverage()))
                for team in page
            ],
            "totals": _sum(counts.by_group.values()),
            **as_of_context(counts.as_of),
        },
    )


def _coverage_counts(user, *, key: str, teams_at: Site | None = None) -> CoverageCounts:
    """Coverage of the active people `user` may see per `key`, of the teams at `teams_at` if given:
    the worker's counts for a viewer who sees whole sites (a manager, HR), when recent; else live."""
    now = timezone.now()
    if sees_whole_sites(user):
        stored = stored_coverage(sites=Site.objects.visible_to(user), key=key, teams_at=teams_at, now=now)
        if stored is not None:
            return stored
    # Members are people the viewer may see, so their teams are teams the viewer may see
    # (`Team.visible_to`): no second look-up of that scope for 25,000 people.
    members = Employee.objects.visible_to(user).active()
    if teams_at is not None:
        members = members.filter(team__site=teams_at)
    return CoverageCounts(
        by_group=selectors.coverage_by(members=members, key=key, today=timezone.localdate(now)), as_of=None
    )


def _sum(coverages) -> selectors.Coverage:
    total = selectors.Coverage()
    for coverage in coverages:
        total += coverage
    return total


def employee_overview(request, pk):
    """One person's picture for their leader (manager and HR read it; the person themself too)."""
    employee = get_object_or_404(
        Employee.objects.visible_to(request.user).select_related("user", "site", "team__leader__user"), pk=pk
    )
    conversations = list(
        Conversation.objects.visible_to(request.user)
        .filter(employee=employee)
        .select_related("conversation_type", "leader__user")
        .order_by("-scheduled_at", "-pk")
    )
    action_items = (
        ActionItem.objects.visible_to(request.user)
        .open()
        .filter(employee=employee)
        .select_related("conversation")
        .order_by("due_on", "created_at")
    )
    viewer = getattr(request.user, "employee", None)
    can_coach = (
        viewer is not None
        and viewer.role == Role.TEAM_LEADER
        and Employee.objects.visible_to(request.user, for_edit=True).filter(pk=employee.pk).exists()
    )
    reading = Reading.of(request.user, employee)
    log_access(request, employee.pk, Viewed.CONVERSATIONS)
    return render(
        request,
        "dashboards/employee_overview.html",
        {
            "employee": employee,
            "timeline": selectors.timeline_by_year(conversations),
            "action_items": action_items,
            "goals": active_goals_with_progress([employee.pk]).get(employee.pk, []),
            # Individual wellbeing: the person and their leader; summaries: per people.privacy.
            "chart": wellbeing_chart(conversations) if reading.reads_wellbeing else None,
            "reads_summary": reading.reads_summary,
            "reads_wellbeing": reading.reads_wellbeing,
            "can_coach": can_coach,
            "is_self": viewer is not None and viewer.pk == employee.pk,
        },
    )
