"""Sites, teams and new people, set up in the app by HR (every site) and managers (the teams of their
sites); administrators can also use the Django admin."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from people.access import HR, allows
from people.forms import LARGEST_ID, IdField, QueryForm
from people.models import Employee, Site, Team
from people.organisation_forms import EmployeeCreateForm, SiteForm, TeamForm
from people.services import employee_create, site_save, team_save

TEAMS_PER_PAGE = 50


def organisation(request):
    """The sites `user` sees with how many teams and people each has, and how many teams need a
    leader; with `?site=`, that site's teams a page at a time (a group has thousands), their leaders
    and people (with `needs_leader`, only the teams that need one)."""
    params = QueryForm(
        request.GET,
        site=IdField(),
        needs_leader=forms.BooleanField(required=False),
        page=forms.IntegerField(required=False, min_value=1, max_value=LARGEST_ID),
    ).cleaned()
    sites = Site.objects.visible_to(request.user)
    context = {"manages_sites": allows(HR, request.user), "hands_over": allows(HR, request.user)}
    if "site" not in params:
        active = Employee.objects.active()
        context["sites"] = sites.annotate(
            team_count=Count("teams", distinct=True),
            needing_a_leader=Count(
                "teams", filter=Q(teams__in=Team.objects.needing_a_leader()), distinct=True
            ),
            people=Count("employees", filter=Q(employees__in=active), distinct=True),
        )
        return render(request, "people/organisation.html", context)
    site = get_object_or_404(sites, pk=params["site"])
    teams = site.teams.all()
    if params.get("needs_leader"):
        teams = teams.needing_a_leader()
    teams = (
        teams.select_related("leader__user")
        .annotate(people=Count("members", filter=Q(members__in=Employee.objects.active())))
        .order_by("name")
    )
    context |= {
        "site": site,
        "needs_leader": params.get("needs_leader", False),
        "page": Paginator(teams, TEAMS_PER_PAGE).get_page(params.get("page")),
    }
    return render(request, "people/organisation_site.html", context)


def site_edit(request, pk=None):
    site = get_object_or_404(Site.objects.visible_to(request.user), pk=pk) if pk else Site()
    form = SiteForm(request.POST or None, instance=site)
    if request.method == "POST" and form.is_valid():
        site_save(site=form.instance)
        messages.success(request, _("The site %(name)s was saved.") % {"name": site.name})
        return redirect("people:organisation")
    title = _("Edit %(name)s") % {"name": site.name} if pk else _("New site")
    return render(request, "people/organisation_form.html", {"form": form, "title": title})


def team_edit(request, pk=None):
    sites = Site.objects.visible_to(request.user)
    team = (
        get_object_or_404(Team.objects.filter(site__in=sites).select_related("leader"), pk=pk)
        if pk
        else Team()
    )
    form = TeamForm(request.POST or None, instance=team, sites=sites)
    if request.method == "POST" and form.is_valid():
        form.save(commit=False)
        try:
            team_save(team=form.instance)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The team %(name)s was saved.") % {"name": team.name})
            return redirect(f"{reverse('people:organisation')}?site={team.site_id}")
    title = _("Edit %(name)s") % {"name": team.name} if pk else _("New team")
    return render(request, "people/organisation_form.html", {"form": form, "title": title})


def employee_new(request):
    form = EmployeeCreateForm(request.POST or None, sites=Site.objects.visible_to(request.user))
    if request.method == "POST" and form.is_valid():
        employee = employee_create(
            created_by=request.user, user_data=form.user_data(), employee_data=form.employee_data()
        )
        messages.success(request, _("%(name)s was added to Samtal.") % {"name": employee})
        return redirect(employee)
    return render(request, "people/organisation_form.html", {"form": form, "title": _("New person")})
