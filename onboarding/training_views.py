"""Pages of the mandatory trainings: a person's trainings (their own, or someone in the viewer's
scope), the compliance matrix with its CSV export, and the CSV import of completions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from onboarding.models import TrainingCompletion, TrainingRequirement
from onboarding.training_forms import CompletionForm
from onboarding.training_services import completion_record
from onboarding.trainings import person_rows, requirements_in_force, with_status
from people.models import Employee

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
