"""Pages of the mandatory trainings: a person's trainings (their own, or someone in the viewer's
scope), the compliance matrix with its CSV export, and the CSV import of completions."""

import csv

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from config.counted import as_of_context
from onboarding import training_import as importing
from onboarding.models import TrainingCompletion, TrainingImport, TrainingRequirement
from onboarding.training_forms import CompletionForm, TrainingUploadForm
from onboarding.training_services import completion_record
from onboarding.trainings import (
    Compliance,
    Status,
    compliance_by,
    having_status,
    matrix_people,
    person_rows,
    requirements_in_force,
    stored_site_compliance,
    with_status,
)
from people.csv_files import ERROR_ROWS_SHOWN, FIRST_ROWS_SHOWN, preview_rows
from people.filters import add_team_search, offer_chosen_team
from people.forms import QueryForm
from people.models import Employee, Role, Site, Team, sees_everyone

HISTORY_SHOWN = 50


def my_trainings(request):
    """The viewer's own trainings: where they stand and what they have done."""
    return _person_page(request, request.user.employee.pk, own=True)


def person_trainings(request, pk):
    """One person's trainings; a leader (their team) or HR (anyone) records a completion here."""
    return _person_page(request, pk, own=False)


def _person_page(request, pk, *, own):
    visible = Employee.objects.visible_to(request.user).select_related("user", "site", "team")
    employee = get_object_or_404(visible, pk=pk)
    can_record = Employee.objects.visible_to(request.user, for_edit=True).filter(pk=pk).exists()
    requirements = requirements_in_force()
    form = None
    if can_record:
        form = CompletionForm(
            request.POST if request.method == "POST" else None,
            employee=employee,
            requirements=TrainingRequirement.objects.filter(is_active=True).order_by("name"),
        )
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                completion = completion_record(
                    employee=employee, user=request.user, now=timezone.now(), **form.cleaned_data
                )
            except ValidationError as error:
                form.add_error("completed_on", error)
            else:
                messages.success(
                    request,
                    _("%(training)s recorded for %(name)s, valid until %(date)s.")
                    % {
                        "training": completion.requirement,
                        "name": employee,
                        "date": formats.date_format(completion.valid_until, "SHORT_DATE_FORMAT"),
                    },
                )
                return redirect(request.path)
    (row,) = person_rows(with_status(visible.filter(pk=pk), requirements, timezone.now()), requirements)
    history = (
        TrainingCompletion.objects.visible_to(request.user)
        .filter(employee=employee)
        .select_related("requirement", "recorded_by")
        .order_by("-completed_on", "-pk")[:HISTORY_SHOWN]
    )
    context = {
        "employee": employee,
        "own": own or employee.user_id == request.user.pk,
        "cells": [cell for cell in row.cells if cell.applies],
        "history": history,
        "form": form,
    }
    return render(
        request, "onboarding/trainings/person.html", context, status=400 if form and form.errors else 200
    )


# CSV import -----------------------------------------------------------------------------------------

PAST_IMPORTS_SHOWN = 20


def training_import(request):
    """Upload a CSV of completions; it is kept as an import and previewed until confirmed."""
    form = TrainingUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            record = importing.training_import_upload(
                content=upload.read(), file_name=upload.name, user=request.user, now=timezone.now()
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            return redirect(record)
    context = {
        "form": form,
        "requirements": TrainingRequirement.objects.filter(is_active=True).order_by("name"),
        "past_imports": TrainingImport.objects.visible_to(request.user)
        .select_related("uploaded_by")
        .order_by("-uploaded_at", "-pk")[:PAST_IMPORTS_SHOWN],
    }
    return render(request, "onboarding/trainings/import.html", context, status=400 if form.errors else 200)


def training_import_detail(request, pk):
    """The preview of one upload: counts, the rows in error and the first rows; import or discard."""
    record = get_object_or_404(TrainingImport.objects.visible_to(request.user), pk=pk)
    shown = preview_rows(record.rows, "employee__user", "requirement")
    for row in shown["error_rows"] + shown["first_rows"]:
        row.error_messages = importing.error_messages(row)
    context = {
        "upload": record,
        "rows_template": "onboarding/trainings/_import_rows.html",
        "can_decide": record.status == TrainingImport.Status.PREVIEWED
        and record.uploaded_by_id == request.user.pk,
        "error_rows_shown": ERROR_ROWS_SHOWN,
        "first_rows_shown": FIRST_ROWS_SHOWN,
        "earlier": TrainingImport.objects.visible_to(request.user)
        .filter(checksum=record.checksum, pk__lt=record.pk)
        .order_by("-pk")
        .first(),
        **shown,
    }
    return render(request, "onboarding/trainings/import_detail.html", context)


def _own_import(request, pk):
    # Only the uploader confirms or discards: the rows were checked against their scope.
    return get_object_or_404(
        TrainingImport.objects.visible_to(request.user).filter(uploaded_by=request.user), pk=pk
    )


@require_POST
def training_import_confirm(request, pk):
    """Record the previewed file: all rows or none, once however often it is posted."""
    record = _own_import(request, pk)
    try:
        result = importing.training_import_confirm(
            training_import=record, user=request.user, now=timezone.now()
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(record)
    messages.success(
        request,
        _("Imported %(name)s: %(created)s new completions, %(existing)s already recorded.")
        % {"name": record.file_name, "created": result.created, "existing": result.already_recorded},
    )
    return redirect("onboarding:training_import")


@require_POST
def training_import_discard(request, pk):
    record = _own_import(request, pk)
    if importing.training_import_discard(training_import=record, now=timezone.now()):
        messages.success(request, _("The file %(name)s was discarded.") % {"name": record.file_name})
    return redirect("onboarding:training_import")


# The matrix -----------------------------------------------------------------------------------------

PEOPLE_PER_PAGE = 30  # a team of 8 to 15 on one page
GROUPS_PER_PAGE = 50


def _matrix_scope(request):
    """The people the matrix covers (a leader's team members; a manager's sites; HR everyone, all
    active), and the query parameters checked against that scope (a site or team outside it is a
    bad request, the same answer as one that does not exist)."""
    viewer = getattr(request.user, "employee", None)
    is_leader = viewer is not None and viewer.role == Role.TEAM_LEADER
    people = matrix_people(Employee.objects.visible_to(request.user, for_edit=is_leader))
    teams = Team.objects.visible_to(request.user).select_related("site")
    if is_leader:
        teams = teams.filter(leader=viewer)
    sites = Site.objects.visible_to(request.user)
    query = QueryForm(
        request.GET,
        site=forms.ModelChoiceField(label=_("Site"), queryset=sites, required=False),
        team=forms.ModelChoiceField(label=_("Team"), queryset=teams, required=False),
        requirement=forms.ModelChoiceField(
            label=_("Training"), queryset=TrainingRequirement.objects.filter(is_active=True), required=False
        ),
        status=forms.ChoiceField(label=_("Status"), choices=[("", "—"), *Status.choices], required=False),
        page=forms.IntegerField(min_value=1, max_value=100_000, required=False),
    )
    if not is_leader:  # a manager's or HR's hundreds of teams are searched, as in the people lists
        add_team_search(query)
        query.order_fields(["site", "team_search", "team"])
    params = query.cleaned()
    params.pop("team_search", None)  # it narrows the team options, not the people
    if not is_leader:
        offer_chosen_team(query, params.get("team"))
    if "site" in params:
        people = people.filter(site=params["site"])
        teams = teams.filter(site=params["site"])
    if "team" in params:
        people = people.filter(team=params["team"])
    requirements = requirements_in_force([params["requirement"].pk] if "requirement" in params else None)
    return viewer, query, params, people, teams, requirements


def training_matrix(request):
    """Where people stand on their mandatory trainings. A leader sees their team, person by person; a
    manager the teams of their sites; HR the sites first, then a site's teams, then one team's people.
    Every level is paged, and compliance shares are counted in SQL."""
    viewer, query, params, people, teams, requirements = _matrix_scope(request)
    now = timezone.now()
    role = getattr(viewer, "role", None)
    if "team" in params or role == Role.TEAM_LEADER:
        level = "people"
    elif "site" in params or role == Role.MANAGER:
        level = "teams"
    else:
        level = "sites"
    context = {
        "query": query,
        "params": params,
        "level": level,
        "requirements": requirements,
        "hidden_filters": {"page", "site"} if role == Role.TEAM_LEADER else {"page"},
        **as_of_context(None),
    }
    if level == "people":
        annotated = with_status(people.select_related("user", "team"), requirements, now)
        if "status" in params:
            annotated = having_status(annotated, requirements, params["status"])
        paginator = Paginator(
            annotated.order_by("user__first_name", "user__last_name", "pk"), PEOPLE_PER_PAGE
        )
        if "status" not in params:
            paginator.count = people.count()  # as many as without the annotations, and far cheaper
        page = paginator.get_page(params.get("page"))
        context["page"] = page
        context["rows"] = person_rows(page, requirements)
        shown_teams = [params["team"]] if "team" in params else list(teams.order_by("name"))
        groups = compliance_by(
            people.filter(team__in=[team.pk for team in shown_teams]), requirements, now, group="team"
        )
        context["groups"] = [(team, groups.get(team.pk, Compliance(team.pk))) for team in shown_teams]
    else:
        objects = (
            teams.order_by("site__name", "name")
            if level == "teams"
            else query.fields["site"].queryset.order_by("name")
        )
        page = Paginator(objects, GROUPS_PER_PAGE).get_page(params.get("page"))
        field = "team" if level == "teams" else "site"
        # Everyone's sites: the worker's counts (the same people, counted every few minutes).
        stored = (
            stored_site_compliance(requirements, now)
            if level == "sites" and sees_everyone(request.user)
            else None
        )
        if stored is not None:
            groups, context["as_of"] = stored
        else:
            groups = compliance_by(
                people.filter(**{f"{field}__in": [obj.pk for obj in page]}), requirements, now, group=field
            )
        context["page"] = page
        context["groups"] = [(obj, groups.get(obj.pk, Compliance(obj.pk))) for obj in page]
    context["total"] = _total(context["groups"]) if level != "people" else None
    query_string = request.GET.copy()
    query_string.pop("page", None)
    context["query_string"] = query_string.urlencode()
    context["can_import"] = request.user.is_superuser or role in (Role.TEAM_LEADER, Role.HR)
    return render(request, "onboarding/trainings/matrix.html", context)


def _total(groups):
    total = Compliance(None)
    for _group, compliance in groups:
        total.people += compliance.people
        for status, count in compliance.counts.items():
            total.counts[status] += count
    return total


class _Echo:
    def write(self, value):
        return value


def training_export(request):
    """The matrix's people as CSV, streamed: one row per person and applicable training, with the
    latest completion, its validity and the status on the day of the export (compliance evidence)."""
    _viewer, _query, params, people, _teams, requirements = _matrix_scope(request)
    annotated = with_status(people.select_related("user", "site", "team"), requirements, timezone.now())
    if "status" in params:
        annotated = having_status(annotated, requirements, params["status"])
    annotated = annotated.order_by("site__name", "team__name", "user__last_name", "user__first_name", "pk")
    language = translation.get_language()

    def lines():
        writer = csv.writer(_Echo(), delimiter=";")
        # The response is streamed after the view returns: speak the viewer's language all along.
        with translation.override(language):
            yield "\ufeff" + writer.writerow(
                [
                    _("Employee number"),
                    _("Name"),
                    _("Site"),
                    _("Team"),
                    _("Training code"),
                    _("Training"),
                    _("Status"),
                    _("Completed on"),
                    _("Valid until"),
                    _("Due by"),
                ]
            )
            for chunk in _chunks(annotated.iterator(chunk_size=2000), 2000):
                for row in person_rows(chunk, requirements):
                    employee = row.employee
                    for cell in row.cells:
                        if not cell.applies or ("status" in params and cell.status != params["status"]):
                            continue
                        yield writer.writerow(
                            [
                                employee.employee_number,
                                employee.full_name,
                                employee.site.name,
                                employee.team.name if employee.team else "",
                                cell.requirement.code,
                                str(cell.requirement),
                                cell.status_label,
                                _iso(cell.completed_on),
                                _iso(cell.valid_until),
                                _iso(cell.due_by),
                            ]
                        )

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    day = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="trainings-{day}.csv"'
    return response


def _chunks(iterable, size):
    chunk = []
    for item in iterable:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _iso(day):
    return day.isoformat() if day else ""
