from django.db.models import F
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy

from coaching.models import ActionItem, Conversation
from dashboards import selectors
from dashboards.charts import wellbeing_chart
from goals.selectors import active_goals_with_progress
from onboarding.selectors import onboarding_progress_by_employee
from people.models import Employee, Role, Team

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
    members = members.exclude(pk=F("team__leader"))  # a leader filed under their own team is not a member
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
    """Coverage per team for managers (the sites they follow) and HR (everyone), with totals."""
    today = timezone.localdate()
    teams, totals = selectors.team_coverage(
        teams=Team.objects.visible_to(request.user),
        members=Employee.objects.visible_to(request.user).active(),
        today=today,
    )
    return render(request, "dashboards/coverage.html", {"teams": teams, "totals": totals})


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
    return render(
        request,
        "dashboards/employee_overview.html",
        {
            "employee": employee,
            "timeline": selectors.timeline_by_year(conversations),
            "action_items": action_items,
            "goals": active_goals_with_progress([employee.pk]).get(employee.pk, []),
            "chart": wellbeing_chart(conversations),
            "can_coach": can_coach,
            "is_self": viewer is not None and viewer.pk == employee.pk,
        },
    )
