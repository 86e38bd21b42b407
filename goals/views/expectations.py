from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from goals import services
from goals.diff import word_diff
from goals.forms import AcknowledgeForm, ExpectationForm
from goals.models import Expectation, ExpectationVersion, expectation_writing_rights
from goals.selectors import (
    acknowledgement_status,
    expectation_overview,
    expectations_with_my_standing,
    latest_acknowledgements,
)
from goals.views.goals import employee_required


def _viewer(request):
    return getattr(request.user, "employee", None)


def _visible(request):
    return Expectation.objects.visible_to(request.user).select_related("current_version", "site", "team")


def expectation_list(request):
    """The expectations that apply to the viewer, each with where they stand; for those who write
    expectations also the ones in their scope with how many people have acknowledged them."""
    viewer = _viewer(request)
    mine = expectations_with_my_standing(viewer)
    writes = bool(expectation_writing_rights(request.user).scopes)
    context = {"mine": mine, "can_write": writes, "ack_form": AcknowledgeForm()}
    if writes:
        context["overview"] = expectation_overview(request.user, viewer)
    return render(request, "goals/expectation_list.html", context)


def expectation_detail(request, pk):
    expectation = get_object_or_404(_visible(request), pk=pk)
    viewer = _viewer(request)
    applies = viewer is not None and Expectation.objects.active().applicable_to(viewer).filter(pk=pk).exists()
    my_ack = latest_acknowledgements(viewer, [expectation]).get(expectation.pk) if applies else None
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
            "can_see_status": bool(expectation_writing_rights(request.user).scopes),
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
                employee=_viewer(request),
                expectation=expectation,
                version_id=form.cleaned_data["version"],
                comment=form.cleaned_data["comment"],
                now=timezone.now(),
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
    rights = expectation_writing_rights(request.user)
    if not rights.scopes:
        raise PermissionDenied
    form = ExpectationForm(
        request.POST or None,
        sites=rights.sites,
        teams=rights.teams,
        scopes=rights.scopes,
        initial={"scope": sorted(rights.scopes)[0]},
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
                based_on=form.cleaned_data["based_on"],
                now=timezone.now(),
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
    members, current, older, never = acknowledgement_status(expectation, request.user, viewer)
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
    my_ack = latest_acknowledgements(_viewer(request), [expectation]).get(expectation.pk)
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
