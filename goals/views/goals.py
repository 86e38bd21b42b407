from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from goals import progress, services
from goals.filters import TeamGoalsFilter
from goals.forms import CheckInForm, DecideForm, GoalForm, TeamGoalForm
from goals.models import Expectation, Goal
from goals.selectors import (
    acknowledgement_summary,
    employee_goal_lists,
    evaluate_goals,
    goal_history,
    open_goals_of_members,
)
from people.access_log import Viewed, log_access
from people.forms import IdField, QueryForm
from people.models import Employee, Role, Team


def _viewer(request):
    return getattr(request.user, "employee", None)


def employee_required(view):
    """Pages about one's own goals need an employee record; a login without one is told why."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if _viewer(request) is None:
            return render(request, "people/no_employee.html")
        return view(request, *args, **kwargs)

    return wrapper


def _goals(request):
    return Goal.objects.visible_to(request.user).select_related("employee__user", "metric", "expectation")


@employee_required
def my_goals(request):
    """The employee's own goals, what waits for their agreement and the expectations to acknowledge."""
    viewer = _viewer(request)
    goals, past = employee_goal_lists(request.user, viewer)
    to_acknowledge = list(
        Expectation.objects.unacknowledged_by(viewer).select_related("current_version", "site", "team")
    )
    return render(
        request,
        "goals/my_goals.html",
        {
            "employee": viewer,
            "is_own": True,
            "goals": goals,
            "past": past,
            "waiting_for_me": [g for g in goals if g.waiting_for_employee],
            "to_acknowledge": to_acknowledge,
        },
    )


def employee_goals(request, pk):
    """One person's goals, for their leader, their site manager or HR."""
    employee = get_object_or_404(
        Employee.objects.visible_to(request.user).select_related("user", "team", "site"), pk=pk
    )
    if employee == _viewer(request):
        return redirect("goals:my_goals")
    goals, past = employee_goal_lists(request.user, employee)
    can_write = Employee.objects.visible_to(request.user, for_edit=True).filter(pk=pk).exists()
    log_access(request, employee.pk, Viewed.GOALS)
    return render(
        request,
        "goals/my_goals.html",
        {"employee": employee, "is_own": False, "goals": goals, "past": past, "can_write": can_write},
    )


@employee_required
def goal_create(request):
    """Propose a goal (or keep a draft): an employee for themself, a leader for a team member."""
    viewer = _viewer(request)
    writable = Employee.objects.visible_to(request.user, for_edit=True).active()
    employees = None
    if writable.exists():
        employees = (writable | Employee.objects.filter(pk=viewer.pk)).select_related("user").distinct()
    initial = {"starts_on": timezone.localdate()}
    query = QueryForm(request.GET, employee=IdField()).cleaned()
    if "employee" in query and employees is not None:
        initial["employee"] = employees.filter(pk=query["employee"]).first()
    form = GoalForm(
        request.POST or None,
        employees=employees,
        expectations=Expectation.objects.visible_to(request.user).active(),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        employee = data.pop("employee", None) or viewer
        try:
            goal = services.goal_create(
                employee=employee, by=viewer, propose="draft" not in request.POST, now=timezone.now(), **data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if goal.status == Goal.Status.DRAFT:
                messages.success(request, _("The goal was saved as a draft."))
            else:
                messages.success(
                    request, _("The goal was proposed. It is agreed once both of you have agreed.")
                )
            return redirect(goal)
    return render(request, "goals/goal_form.html", {"form": form})


def goal_edit(request, pk):
    goal = get_object_or_404(_goals(request), pk=pk)
    viewer = _viewer(request)
    if services.goal_side(goal=goal, by=viewer) is None or not goal.is_open:
        raise PermissionDenied
    form = GoalForm(
        request.POST or None,
        instance=goal,
        expectations=Expectation.objects.visible_to(request.user).active(),
    )
    if request.method == "POST" and form.is_valid():
        was_agreed = goal.status == Goal.Status.AGREED
        try:
            services.goal_update(goal=goal, by=viewer, data=form.cleaned_data, now=timezone.now())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if was_agreed and goal.status == Goal.Status.PROPOSED:
                messages.warning(request, _("The terms changed, so the goal needs to be agreed again."))
            else:
                messages.success(request, _("The goal was saved."))
            return redirect(goal)
    return render(request, "goals/goal_form.html", {"form": form, "goal": goal})


def _url_maker(name):
    """Reverse a one-key URL once and fill in each key: lists of hundreds of links stay cheap."""
    template = reverse(name, args=[999999999])
    return lambda pk: template.replace("999999999", str(pk))


def _detail(request, goal, *, check_in_form=None, decide_form=None, status=200):
    viewer = _viewer(request)
    evaluate_goals([goal], with_authors=True)
    side = services.goal_side(goal=goal, by=viewer)
    can_check_in = side is not None and goal.status == Goal.Status.AGREED
    if can_check_in and check_in_form is None:
        check_in_form = CheckInForm(goal=goal, initial={"checked_on": timezone.localdate()})
    can_decide = side == services.LEADER_SIDE and goal.is_open
    if can_decide and decide_form is None:
        decide_form = DecideForm(initial={"outcome": goal.requested_outcome or Goal.Status.ACHIEVED})
    check_ins = list(reversed(goal.check_ins_list))
    context = {
        "goal": goal,
        "side": side,
        "check_ins": check_ins,
        "chart": progress.chart(goal),
        "history": goal_history(goal),
        "can_edit": side is not None and goal.is_open,
        "can_propose": side is not None and goal.status == Goal.Status.DRAFT,
        "can_agree": (side == services.EMPLOYEE_SIDE and goal.waiting_for_employee)
        or (side == services.LEADER_SIDE and goal.waiting_for_leader),
        "can_check_in": can_check_in,
        "check_in_form": check_in_form,
        "can_decide": can_decide,
        "decide_form": decide_form,
        "can_request_outcome": side == services.EMPLOYEE_SIDE
        and goal.status == Goal.Status.AGREED
        and not goal.requested_outcome,
        "outcomes": Goal.OUTCOMES,
    }
    return render(request, "goals/goal_detail.html", context, status=status)


def goal_detail(request, pk):
    goal = get_object_or_404(
        _goals(request).select_related(
            "employee__team__leader__user",
            "employee_agreed_by__user",
            "leader_agreed_by__user",
            "decided_by__user",
        ),
        pk=pk,
    )
    log_access(request, goal.employee_id, Viewed.GOALS)
    return _detail(request, goal)


def _post_action(request, pk, action, success):
    goal = get_object_or_404(_goals(request), pk=pk)
    try:
        goal = action(goal=goal, by=_viewer(request), now=timezone.now())
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success(goal))
    return redirect(goal)


@require_POST
def goal_propose(request, pk):
    return _post_action(request, pk, services.goal_propose, lambda goal: _("The goal was proposed."))


@require_POST
def goal_agree(request, pk):
    def success(goal):
        if goal.status == Goal.Status.AGREED:
            return _("The goal is agreed. Good luck!")
        return _("Your agreement was recorded; the other side still has to agree.")

    return _post_action(request, pk, services.goal_agree, success)


@require_POST
def goal_decide(request, pk):
    goal = get_object_or_404(_goals(request), pk=pk)
    viewer = _viewer(request)
    if services.goal_side(goal=goal, by=viewer) != services.LEADER_SIDE:
        raise PermissionDenied
    form = DecideForm(request.POST)
    if form.is_valid():
        try:
            services.goal_decide(
                goal=goal,
                by=viewer,
                outcome=form.cleaned_data["outcome"],
                note=form.cleaned_data["note"],
                now=timezone.now(),
            )
        except ValidationError as error:  # e.g. decided meanwhile in another tab: say so on the page
            messages.error(request, " ".join(error.messages))
            return redirect(goal)
        else:
            messages.success(
                request, _("The goal was closed as “%(outcome)s”.") % {"outcome": goal.get_status_display()}
            )
            return redirect(goal)
    return _detail(request, goal, decide_form=form, status=400)


@require_POST
def goal_request_outcome(request, pk):
    goal = get_object_or_404(_goals(request), pk=pk)
    viewer = _viewer(request)
    if services.goal_side(goal=goal, by=viewer) != services.EMPLOYEE_SIDE:
        raise PermissionDenied
    form = DecideForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose an outcome."))
        return redirect(goal)
    try:
        services.goal_request_outcome(
            goal=goal,
            by=viewer,
            **{"outcome": form.cleaned_data["outcome"], "note": form.cleaned_data["note"]},
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your leader was asked to close the goal."))
    return redirect(goal)


@require_POST
def check_in_add(request, pk):
    goal = get_object_or_404(_goals(request), pk=pk)
    viewer = _viewer(request)
    if services.goal_side(goal=goal, by=viewer) is None:
        raise PermissionDenied
    form = CheckInForm(request.POST, goal=goal)
    if form.is_valid():
        try:
            services.check_in_add(goal=goal, author=viewer, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your check-in was saved."))
            return redirect(goal)
    return _detail(request, goal, check_in_form=form, status=400)


def team_goals(request):
    """Each member's agreed goals and status, members without an agreed goal, goals at risk,
    agreements waiting, outcome requests and unacknowledged expectations. Constant queries."""
    viewer = _viewer(request)
    teams = Team.objects.visible_to(request.user).select_related("site").order_by("site__name", "name")
    members = (
        Employee.objects.visible_to(request.user)
        .active()
        .exclude(pk=getattr(viewer, "pk", None))
        .select_related("user", "team")
        .order_by("user__first_name", "user__last_name", "pk")
    )
    data = request.GET.copy()
    if getattr(viewer, "role", None) != Role.TEAM_LEADER and not data.get("team"):
        first = teams.first()  # managers and HR look at one team at a time
        if first is not None:
            data["team"] = str(first.pk)
    filterset = TeamGoalsFilter(data, queryset=members, teams=teams)
    members = list(filterset.qs)
    goals = open_goals_of_members(request.user, members)
    goal_url, member_url = _url_maker("goals:goal_detail"), _url_maker("goals:employee_goals")
    propose_url = reverse("goals:goal_create")
    for goal in goals:
        goal.url = goal_url(goal.pk)
    for member in members:
        member.goals_url = member_url(member.pk)
        member.propose_url = f"{propose_url}?employee={member.pk}"
    return render(
        request,
        "goals/team_goals.html",
        {
            "filter": filterset,
            "members": members,
            "without_goal": [m for m in members if not m.agreed_goals],
            "at_risk": [
                g
                for g in goals
                if g.status == Goal.Status.AGREED and g.track in (progress.AT_RISK, progress.OFF_TRACK)
            ],
            "pending": [g for g in goals if g.status == Goal.Status.PROPOSED],
            "drafts": [g for g in goals if g.status == Goal.Status.DRAFT],
            "outcome_requests": [g for g in goals if g.requested_outcome],
            "expectations": acknowledgement_summary(members),
            "can_write": getattr(viewer, "role", None) in (Role.TEAM_LEADER, Role.HR),
        },
    )


@employee_required
def team_goal_create(request):
    """The same proposed goal for everyone in a team or with a role, within what the leader may edit."""
    viewer = _viewer(request)
    writable = Employee.objects.visible_to(request.user, for_edit=True).active().exclude(pk=viewer.pk)
    teams = Team.objects.filter(pk__in=writable.values("team")).select_related("site")
    form = TeamGoalForm(
        request.POST or None,
        teams=teams,
        expectations=Expectation.objects.visible_to(request.user).active(),
        initial={"starts_on": timezone.localdate(), "team": teams.first() if len(teams) == 1 else None},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        team, role = data.pop("team"), data.pop("role")
        employees = writable.filter(team=team) if team else writable.filter(role=role)
        try:
            goals = services.goals_propose_to_many(by=viewer, employees=employees, **data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if not goals:
                form.add_error(None, _("Nobody in your scope matches; no goal was proposed."))
            else:
                messages.success(
                    request,
                    _(
                        "The goal was proposed to %(count)s people. "
                        "Each of them can now agree, adjust and own it."
                    )
                    % {"count": len(goals)},
                )
                return redirect("goals:team_goals")
    return render(request, "goals/team_goal_form.html", {"form": form})
