"""Sites, teams and new people, set up in the app by HR (every site) and managers (the teams of their
sites); administrators can also use the Django admin."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from people.access import HR, allows
from people.models import Employee, Site, Team
from people.organisation_forms import EmployeeCreateForm, SiteForm, TeamForm
from people.services import employee_create, site_save, team_save


def organisation(request):
    """The sites `user` sees, each with its teams, their leaders and how many people they have."""
    teams = (
        Team.objects.select_related("leader__user")
        .annotate(people=Count("members", filter=Q(members__in=Employee.objects.active())))
        .order_by("name")
    )
    sites = Site.objects.visible_to(request.user).prefetch_related(Prefetch("teams", queryset=teams))
    return render(
        request, "people/organisation.html", {"sites": sites, "manages_sites": allows(HR, request.user)}
    )


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
            return redirect("people:organisation")
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
