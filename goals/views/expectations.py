from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from goals import services
from goals.diff import word_diff
from goals.forms import AcknowledgeForm, ExpectationForm
from goals.models import Acknowledgement, Expectation, ExpectationVersion
from goals.views.goals import employee_required
from people.models import Employee, Role, Site, Team

WRITER_ROLES = (Role.TEAM_LEADER, Role.MANAGER, Role.HR)


def _viewer(request):
    return getattr(request.user, "employee", None)


def _role(request):
    viewer = _viewer(request)
    return viewer.role if viewer is not None else None


def _visible(request):
    return Expectation.objects.visible_to(request.user).select_related("current_version", "site", "team")


def _my_acknowledgements(employee, expectations):
    """The viewer's latest acknowledgement per expectation (one query): {expectation_id: ack}."""
    latest = {}
    if employee is None:  # an administrator without an employee record acknowledges nothing
        return latest
    for ack in (
        Acknowledgement.objects.visible_to(employee.user)
        .filter(employee=employee, version__expectation__in=expectations)
        .select_related("version")
        .order_by("version__number")
    ):
        latest[ack.version.expectation_id] = ack
    return latest


def expectation_list(request):
    """The expectations that apply to the viewer, each with where they stand; for those who write
    expectations also the ones in their scope with how many people have acknowledged them."""
    viewer = _viewer(request)
    mine = list(
        Expectation.objects.active().applicable_to(viewer).select_related("current_version", "site", "team")
    )
    latest = _my_acknowledgements(viewer, mine)
    for expectation in mine:
        ack = latest.get(expectation.pk)
        expectation.my_ack = ack
        expectation.is_current = ack is not None and ack.version_id == expectation.current_version_id
    mine.sort(key=lambda e: (e.is_current, e.scope, e.title))
    context = {"mine": mine, "can_write": _writable_scopes(request.user), "ack_form": AcknowledgeForm()}
    if request.user.is_superuser or _role(request) in WRITER_ROLES:
        context["overview"] = _overview(request.user, viewer)
    return render(request, "goals/expectation_list.html", context)


def _overview(user, viewer):
    """Every active expectation in the viewer's scope with acknowledged/total among the people they
    see. Constant queries: expectations, acknowledgement counts, member counts by site and team."""
    expectations = list(
        _visible_for(user).exclude(current_version=None).select_related("current_version", "site", "team")
    )
    people = Employee.objects.visible_to(user).active().exclude(pk=getattr(viewer, "pk", None))
    acknowledged = dict(
        Acknowledgement.objects.filter(
            version_id__in=[e.current_version_id for e in expectations], employee__in=people
        )
        .values("version_id")
        .annotate(count=Count("id"))
        .values_list("version_id", "count")
    )
    by_site = dict(people.values("site_id").annotate(count=Count("id")).values_list("site_id", "count"))
    by_team = dict(people.values("team_id").annotate(count=Count("id")).values_list("team_id", "count"))
    everyone = sum(by_site.values())
    editable = set(Expectation.objects.editable_by(user).values_list("pk", flat=True))
    rows = []
    for expectation in expectations:
        if expectation.scope == Expectation.Scope.SITE:
            total = by_site.get(expectation.site_id, 0)
        elif expectation.scope == Expectation.Scope.TEAM:
            total = by_team.get(expectation.team_id, 0)
        else:
            total = everyone
        done = acknowledged.get(expectation.current_version_id, 0)
        rows.append(
            {
                "expectation": expectation,
                "total": total,
                "done": done,
                "missing": max(total - done, 0),
                "can_edit": expectation.pk in editable,
            }
        )
    return rows


def _visible_for(user):
    return Expectation.objects.visible_to(user).active().order_by("scope", "title")


def _writable_scopes(user):
    """The scopes `user` may write new expectations in, with the sites or teams of each."""
    viewer = getattr(user, "employee", None)
    if user.is_superuser:
        return {Expectation.Scope.ORGANISATION, Expectation.Scope.SITE, Expectation.Scope.TEAM}
    if viewer is None:
        return set()
    return {
        Role.HR: {Expectation.Scope.ORGANISATION},
        Role.MANAGER: {Expectation.Scope.SITE},
        Role.TEAM_LEADER: {Expectation.Scope.TEAM},
    }.get(viewer.role, set())


def _writable_sites(user):
    viewer = user.employee
    return Site.objects.filter(Q(managers=viewer) | Q(pk=viewer.site_id)).distinct()


def _writable_teams(user):
    return Team.objects.filter(leader=user.employee)


def expectation_detail(request, pk):
    expectation = get_object_or_404(_visible(request), pk=pk)
    viewer = _viewer(request)
    applies = viewer is not None and Expectation.objects.active().applicable_to(viewer).filter(pk=pk).exists()
    my_ack = _my_acknowledgements(viewer, [expectation]).get(expectation.pk) if applies else None
    versions = list(expectation.versions.select_related("created_by__user").order_by("-number"))
    can_edit = Expectation.objects.editable_by(request.user).filter(pk=pk).exists()
    return render(
        request,
        "goals/expectation_detail.html",
        {
            "expectation": expectation,
            "applies": applies,
            "my_ack": my_ack,
            "is_current": my_ack is not None and my_ack.version_id == expectation.current_version_id,
            "versions": versions,
            "can_edit": can_edit,
            "can_see_status": request.user.is_superuser or _role(request) in WRITER_ROLES,
            "ack_form": AcknowledgeForm(),
        },
    )


@require_POST
@employee_required
def expectation_acknowledge(request, pk):
    expectation = get_object_or_404(_visible(request), pk=pk)
    form = AcknowledgeForm(request.POST)
    if form.is_valid():
        try:
            services.acknowledgement_record(
                employee=_viewer(request), expectation=expectation, comment=form.cleaned_data["comment"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("You acknowledged “%(title)s”. Thank you!") % {"title": expectation.title}
            )
    target = request.POST.get("next")
    return redirect(target if target in ("goals:expectation_list", "goals:my_goals") else expectation)


@employee_required
def expectation_create(request):
    scopes = _writable_scopes(request.user)
    if not scopes:
        raise PermissionDenied
    form = ExpectationForm(
        request.POST or None,
        sites=_writable_sites(request.user),
        teams=_writable_teams(request.user),
        scopes=scopes,
        initial={"scope": sorted(scopes)[0]},
    )
    if request.method == "POST" and form.is_valid():
        try:
            expectation = services.expectation_create(author=_viewer(request), **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("The expectation was published. Everyone it applies to can now acknowledge it.")
            )
            return redirect(expectation)
    return render(request, "goals/expectation_form.html", {"form": form})


def _editable(request, pk):
    expectation = get_object_or_404(_visible(request), pk=pk)
    if not Expectation.objects.editable_by(request.user).filter(pk=pk).exists():
        raise PermissionDenied
    return expectation


def expectation_edit(request, pk):
    """A new wording becomes a new version that everyone must acknowledge again."""
    expectation = _editable(request, pk)
    form = ExpectationForm(request.POST or None, instance=expectation, sites=None, teams=None, scopes=set())
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.expectation_update(
                expectation=expectation,
                author=_viewer(request),
                title=form.cleaned_data["title"],
                text=form.cleaned_data["text"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if changed:
                messages.success(
                    request,
                    _("Version %(number)s was published; everyone must acknowledge it again.")
                    % {"number": expectation.version_number},
                )
            else:
                messages.info(request, _("Nothing changed, so no new version was made."))
            return redirect(expectation)
    return render(request, "goals/expectation_form.html", {"form": form, "expectation": expectation})


@require_POST
def expectation_archive(request, pk):
    expectation = _editable(request, pk)
    services.expectation_set_active(expectation=expectation, is_active=not expectation.is_active)
    if expectation.is_active:
        messages.success(request, _("The expectation is in force again."))
    else:
        messages.success(request, _("The expectation was archived; nobody needs to acknowledge it any more."))
    return redirect(expectation)


def expectation_status(request, pk):
    """Who of the people the viewer sees has acknowledged the current version, an older one, or none."""
    expectation = get_object_or_404(_visible(request), pk=pk)
    viewer = _viewer(request)
    members = list(
        expectation.members()
        .filter(pk__in=Employee.objects.visible_to(request.user).values("pk"))
        .exclude(pk=getattr(viewer, "pk", None))
        .select_related("user", "team")
        .order_by("user__first_name", "user__last_name", "pk")
    )
    latest = {}
    for ack in (
        Acknowledgement.objects.visible_to(request.user)
        .filter(version__expectation=expectation, employee__in=[m.pk for m in members])
        .select_related("version")
        .order_by("version__number", "acknowledged_at")
    ):
        latest[ack.employee_id] = ack
    current, older, never = [], [], []
    for member in members:
        member.ack = latest.get(member.pk)
        if member.ack is None:
            never.append(member)
        elif member.ack.version_id == expectation.current_version_id:
            current.append(member)
        else:
            older.append(member)
    comments = [m for m in members if m.ack and m.ack.comment]
    return render(
        request,
        "goals/expectation_status.html",
        {
            "expectation": expectation,
            "current": current,
            "older": older,
            "never": never,
            "comments": comments,
            "total": len(members),
        },
    )


def expectation_diff(request, pk):
    """What changed between two versions; by default since the version the viewer last acknowledged."""
    expectation = get_object_or_404(_visible(request), pk=pk)
    versions = {v.number: v for v in ExpectationVersion.objects.filter(expectation=expectation)}
    if not versions:
        raise Http404
    current = expectation.version_number
    my_ack = _my_acknowledgements(_viewer(request), [expectation]).get(expectation.pk)
    default_from = my_ack.version.number if my_ack else max(current - 1, 1)
    try:
        number_from = int(request.GET.get("from", default_from))
        number_to = int(request.GET.get("to", current))
    except ValueError:
        number_from, number_to = default_from, current
    old, new = versions.get(number_from), versions.get(number_to)
    if old is None or new is None:
        old, new = versions.get(default_from), versions.get(current)
    return render(
        request,
        "goals/expectation_diff.html",
        {
            "expectation": expectation,
            "old": old,
            "new": new,
            "title_segments": word_diff(old.title, new.title),
            "text_segments": word_diff(old.text, new.text),
            "versions": sorted(versions.values(), key=lambda v: v.number),
            "my_ack": my_ack,
        },
    )
