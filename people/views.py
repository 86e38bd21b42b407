from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from people.access_log import Viewed, log_access
from people.filters import EmployeeFilter
from people.forms import EmployeeProfileForm, IdField, LanguageForm, MyProfileForm, QueryForm
from people.models import Employee, PositionChange, Role, Team
from people.services import employee_update, my_profile_update

TEAM_OPTIONS = 30  # teams offered at once by the team search of the people lists

HOME_BY_ROLE = {  # URL names: people/ links upwards by name only, it imports no higher app
    Role.AGENT: "coaching:my_conversations",
    Role.TRAINER: "people:my_profile",
    Role.TEAM_LEADER: "dashboards:leader_dashboard",
    Role.MANAGER: "dashboards:coverage",
    Role.HR: "people:directory",
}


def home(request):
    """Each role lands on its own start page; a login without an employee record gets told why."""
    employee = getattr(request.user, "employee", None)
    if employee is None:
        return render(request, "people/no_employee.html")
    return redirect(HOME_BY_ROLE[employee.role])


def my_profile(request):
    employee = get_object_or_404(
        Employee.objects.visible_to(request.user).select_related("user", "site", "team__leader__user"),
        pk=request.user.employee.pk,
    )
    form = MyProfileForm(request.POST or None, instance=employee)
    if request.method == "POST" and form.is_valid():
        my_profile_update(employee=employee, **form.cleaned_data)
        messages.success(request, _("Your profile was saved."))
        return redirect("people:my_profile")
    return render(
        request,
        "people/my_profile.html",
        {"employee": employee, "form": form, "positions": _positions(request.user, employee)},
    )


def roster(request):
    """A leader's people (a manager's site, HR's organisation), searchable and filterable."""
    return _employee_list(request, "people/roster.html", per_page=60, roster=True)


def directory(request):
    return _employee_list(request, "people/directory.html", per_page=25, roster=False)


def _employee_list(request, template, *, per_page, roster):
    visible = Employee.objects.visible_to(request.user)
    teams = Team.objects.visible_to(request.user).select_related("site")
    # In the order of the index on the users' names (people migration 0002): a page is read, not sorted.
    employees = visible.select_related("user", "team", "site").order_by("user__first_name", "user__last_name")
    viewer = getattr(request.user, "employee", None)
    filterset = EmployeeFilter(
        request.GET or None,
        queryset=employees,
        teams=teams,
        roster=roster,
        # A leader picks among the teams they lead; managers and HR search among hundreds.
        team_search=viewer is None or viewer.role != Role.TEAM_LEADER,
    )
    page = Paginator(filterset.qs, per_page).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, template, {"filter": filterset, "page": page, "query": query.urlencode()})


def team_options(request):
    """The options of the people lists' team filter (htmx): the teams in scope whose name contains
    `team_search`, at `site` if one is given, at most TEAM_OPTIONS of them."""
    query = QueryForm(
        request.GET,
        site=IdField(),
        team_search=forms.CharField(required=False, max_length=100),
    ).cleaned()
    teams = Team.objects.visible_to(request.user).select_related("site").order_by("site__name", "name")
    if "site" in query:
        teams = teams.filter(site=query["site"])
    if "team_search" in query:
        teams = teams.filter(name__icontains=query["team_search"])
    teams = list(teams[: TEAM_OPTIONS + 1])
    return render(
        request,
        "people/_team_options.html",
        {"teams": teams[:TEAM_OPTIONS], "more": len(teams) > TEAM_OPTIONS},
    )


def employee_detail(request, pk):
    employee = get_object_or_404(
        Employee.objects.visible_to(request.user).select_related("user", "site", "team__leader__user"),
        pk=pk,
    )
    can_edit = Employee.objects.visible_to(request.user, for_edit=True).filter(pk=pk).exists()
    log_access(request, employee.pk, Viewed.PROFILE)
    return render(
        request,
        "people/employee_detail.html",
        {"employee": employee, "can_edit": can_edit, "positions": _positions(request.user, employee)},
    )


def employee_edit(request, pk):
    employee = get_object_or_404(
        Employee.objects.visible_to(request.user).select_related("user", "site", "team"), pk=pk
    )
    if not Employee.objects.visible_to(request.user, for_edit=True).filter(pk=pk).exists():
        raise PermissionDenied
    viewer = getattr(request.user, "employee", None)
    can_change_position = request.user.is_superuser or viewer.role == Role.HR
    form = EmployeeProfileForm(
        request.POST or None,
        instance=employee,
        teams=Team.objects.select_related("site"),
        can_change_position=can_change_position,
    )
    if request.method == "POST" and form.is_valid():
        data = {name: value for name, value in form.cleaned_data.items() if name != "change_note"}
        employee_update(
            employee=employee,
            changed_by=request.user,
            data=data,
            change_note=form.cleaned_data.get("change_note", ""),
        )
        messages.success(request, _("The profile of %(name)s was saved.") % {"name": employee})
        return redirect(employee)
    log_access(request, employee.pk, Viewed.PROFILE)
    return render(request, "people/employee_form.html", {"employee": employee, "form": form})


@login_not_required
@require_POST
def set_language(request):
    """Switch the interface language; for an employee it also becomes their saved preference."""
    form = LanguageForm(request.POST)
    target = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = "/"
    response = redirect(target)
    if form.is_valid():
        language = form.cleaned_data["language"]
        employee = getattr(request.user, "employee", None)
        if employee is not None:
            employee.language = language
            employee.save(update_fields=["language"])
        response.set_cookie("django_language", language, samesite="Lax", secure=request.is_secure())
    return response


def _positions(user, employee):
    return PositionChange.objects.visible_to(user).filter(employee=employee).select_related("team")
