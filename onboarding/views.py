"""Pages of the checklist half of the onboarding app. Every queryset starts from `visible_to()`; a row
outside the viewer's scope is a 404, a row they see but may not change a 403."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coaching.models import Conversation
from onboarding import selectors, services
from onboarding.forms import (
    ChecklistTemplateForm,
    FloorNoteForm,
    OnboardingStartForm,
    TaskAddForm,
    TaskSetAsideForm,
    TaskTickForm,
    template_task_formset,
)
from onboarding.models import ChecklistTemplate, FloorNote, Onboarding, OnboardingTask
from people.forms import IdField, QueryForm
from people.models import Employee, Role

PER_PAGE = 50
TASKS_PER_PAGE = 20  # the trainer's start page is read on a phone on the floor: a screenful or two
RECENT_NOTES = 10
RECENT_DONE = 10  # a trainer's start page shows their latest ticks, not every one


def _viewer(request):
    return getattr(request.user, "employee", None)


def _is_htmx(request):
    return bool(request.headers.get("HX-Request"))


def _next_url(request, fallback):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return fallback


def _apply_errors(form, error: ValidationError):
    """Show a service's ValidationError on the form that fed it (field errors where they belong)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


# Templates (HR and managers) -----------------------------------------------------------------------


def template_list(request):
    """Every checklist template with its number of tasks and of onboardings started from it."""
    templates = ChecklistTemplate.objects.annotate(
        task_count=Count("tasks", distinct=True),
        running_count=Count(
            "onboardings", filter=Q(onboardings__status=Onboarding.Status.RUNNING), distinct=True
        ),
    ).order_by("-is_active", "name")
    return render(request, "onboarding/template_list.html", {"templates": templates})


def template_edit(request, pk=None):
    """Create or edit a template and its ordered tasks in one form. Onboardings already running keep
    the tasks they were started with."""
    template = get_object_or_404(ChecklistTemplate, pk=pk) if pk is not None else ChecklistTemplate()
    data = request.POST if request.method == "POST" else None
    add_row = data is not None and "add_task" in data
    form = ChecklistTemplateForm(data, instance=template)
    tasks = template_task_formset(data, instance=template, add_row=add_row)
    if data is not None and not add_row and form.is_valid() and tasks.is_valid():
        template = services.checklist_template_save(form=form, tasks=tasks)
        messages.success(request, _("The template was saved. Onboardings already running keep their tasks."))
        return redirect("onboarding:template_edit", pk=template.pk)
    return render(
        request, "onboarding/template_form.html", {"form": form, "tasks": tasks, "template": template}
    )


# Starting one and following it ----------------------------------------------------------------------


def _startable_people(request):
    viewer = _viewer(request)
    if viewer is not None and viewer.role == Role.TEAM_LEADER:
        return Employee.objects.visible_to(request.user, for_edit=True), True
    return Employee.objects.visible_to(request.user).active(), False


def onboarding_start(request):
    """Start an onboarding: HR and managers for anyone they may see, a team leader for their team."""
    people, is_leader = _startable_people(request)
    now = timezone.now()
    query = QueryForm(request.GET, employee=IdField()).cleaned()
    initial = {"starts_on": timezone.localdate(now)}
    if "employee" in query:
        initial["employee"] = people.filter(pk=query["employee"]).first()
    viewer = _viewer(request)
    if viewer is not None and viewer.role == Role.HR:
        initial["hr_contact"] = viewer
    form = OnboardingStartForm(request.POST or None, initial=initial, people=people, is_leader=is_leader)
    if request.method == "POST" and form.is_valid():
        try:
            onboarding = services.onboarding_start(started_by=request.user, now=now, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(
                request,
                _("The onboarding of %(name)s has started: %(count)s tasks.")
                % {"name": onboarding.employee, "count": onboarding.tasks.count()},
            )
            return redirect(onboarding)
    return render(request, "onboarding/onboarding_start.html", {"form": form})


def _visible_onboarding(request, pk):
    onboardings = Onboarding.objects.visible_to(request.user).select_related(
        "employee__user", "employee__team", "employee__site", "template", "leader__user"
    )
    return get_object_or_404(onboardings, pk=pk)


def onboarding_detail(request, pk):
    """One onboarding in full: the leader, HR and the site's manager see every task; overdue ones
    stand out. The person themself gets their own checklist page."""
    onboarding = _visible_onboarding(request, pk)
    today = timezone.localdate()
    tasks = list(selectors.task_rows(onboarding))
    done = sum(not task.is_open for task in tasks)
    return render(
        request,
        "onboarding/onboarding_detail.html",
        {
            "onboarding": onboarding,
            "phases": selectors.tasks_by_phase(tasks),
            "progress": selectors.Progress(
                done=done,
                total=len(tasks),
                overdue=sum(task.is_overdue(today) for task in tasks),
            ),
            "today": today,
            "can_manage": selectors.may_manage(request.user, onboarding),
            "viewer": _viewer(request),
            "next": onboarding.get_absolute_url(),
        },
    )


def _checklist_context(request, onboarding):
    today = timezone.localdate()
    tasks = list(selectors.task_rows(onboarding))
    done = sum(not task.is_open for task in tasks)
    return {
        "onboarding": onboarding,
        "phases": selectors.tasks_by_phase(tasks),
        "progress": selectors.Progress(done=done, total=len(tasks)),
        "today": today,
        "viewer": _viewer(request),
        "next": reverse("onboarding:my_onboarding"),
    }


def my_onboarding(request):
    """The new hire's own checklist, built for a phone: progress, then their tasks as cards with a big
    tick button; the rest of the plan (what IT, HR and the leader do) below."""
    viewer = _viewer(request)
    if viewer is None:
        return render(request, "people/no_employee.html")
    onboarding = (
        Onboarding.objects.visible_to(request.user)
        .filter(employee=viewer)
        .exclude(status=Onboarding.Status.CANCELLED)
        .select_related("employee__team", "leader__user")
        .order_by("-starts_on", "-pk")
        .first()
    )
    if onboarding is None:
        return render(request, "onboarding/my_onboarding.html", {"onboarding": None})
    return render(request, "onboarding/my_onboarding.html", _checklist_context(request, onboarding))


def my_tasks(request):
    """A trainer's or floor walker's start page: their open tasks across every new hire and their latest
    ticks, with only the new hire's name (not their profile)."""
    viewer = _viewer(request)
    if viewer is None:
        return render(request, "people/no_employee.html")
    mine = (
        OnboardingTask.objects.filter(assignee=viewer, onboarding__status=Onboarding.Status.RUNNING)
        .exclude(onboarding__employee=viewer)
        .select_related("onboarding__employee__user", "completed_by")
    )
    # A trainer at a large site has hundreds of open tasks: soonest first, a page at a time.
    page = Paginator(mine.open().order_by("due_on", "position", "pk"), TASKS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    done_tasks = list(
        mine.exclude(selectors.OPEN).order_by("-completed_at", "-not_applicable_at", "-pk")[:RECENT_DONE]
    )
    return render(
        request,
        "onboarding/my_tasks.html",
        {
            "page": page,
            "done_tasks": done_tasks,
            "today": timezone.localdate(),
            "viewer": viewer,
            "next": reverse("onboarding:my_tasks"),
            "can_note": selectors.notable_people(viewer).exists(),
        },
    )


def site_progress(request):
    """Managers and HR: running onboardings per site (aggregated in SQL), and the running onboardings
    themselves with their progress, a page at a time."""
    today = timezone.localdate()
    query = QueryForm(request.GET, site=IdField()).cleaned()
    onboardings = Onboarding.objects.visible_to(request.user)
    running = onboardings.running()
    if "site" in query:
        running = running.filter(employee__site_id=query["site"])
    listed = selectors.with_progress(
        running.select_related("employee__user", "employee__site", "employee__team", "leader__user"), today
    ).order_by("starts_on", "pk")
    page = Paginator(listed, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "onboarding/site_progress.html",
        {
            "sites": list(selectors.site_progress(onboardings, today)),
            "page": page,
            "site": query.get("site"),
            "today": today,
        },
    )


# Task changes ----------------------------------------------------------------------------------------


def _visible_task(request, pk):
    tasks = OnboardingTask.objects.visible_to(request.user).select_related(
        "onboarding__employee__team", "onboarding__employee__user", "assignee__user", "completed_by"
    )
    return get_object_or_404(tasks, pk=pk)


def _task_response(request, task, *, fallback):
    """The task's card again (htmx swaps it and the progress in place), or back to the page."""
    if not _is_htmx(request):
        return redirect(_next_url(request, fallback))
    task.refresh_from_db(
        fields=["completed_at", "completed_by", "comment", "not_applicable_at", "not_applicable_reason"]
    )
    onboarding = task.onboarding
    counts = onboarding.tasks.aggregate(total=Count("pk"), done=Count("pk", filter=~selectors.OPEN))
    return render(
        request,
        "onboarding/_task_tick_response.html",
        {
            "task": task,
            "onboarding": onboarding,
            "progress": selectors.Progress(done=counts["done"], total=counts["total"]),
            "today": timezone.localdate(),
            "viewer": _viewer(request),
            "can_manage": selectors.may_manage(request.user, onboarding),
            "next": _next_url(request, ""),
            "with_progress": request.POST.get("with_progress") == "1",
            "show_assignee": request.POST.get("with_progress") == "1",
        },
    )


@require_POST
def task_tick(request, pk):
    """Tick a task off (its assignee, the leader or HR); a second tick changes nothing."""
    task = _visible_task(request, pk)
    if not selectors.may_tick(request.user, task):
        raise PermissionDenied
    form = TaskTickForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    try:
        services.onboarding_task_tick(task=task, by=request.user, comment=comment, now=timezone.now())
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return _task_response(request, task, fallback=task.onboarding.get_absolute_url())


@require_POST
def task_reopen(request, pk):
    """Open a task again (its assignee, the leader or HR)."""
    task = _visible_task(request, pk)
    if not selectors.may_tick(request.user, task):
        raise PermissionDenied
    try:
        services.onboarding_task_reopen(task=task, now=timezone.now())
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return _task_response(request, task, fallback=task.onboarding.get_absolute_url())


def task_set_aside(request, pk):
    """Mark a task not applicable, with a reason (the leader or HR)."""
    task = _visible_task(request, pk)
    if not selectors.may_manage(request.user, task.onboarding):
        raise PermissionDenied
    form = TaskSetAsideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.onboarding_task_set_aside(
                task=task, reason=form.cleaned_data["reason"], now=timezone.now()
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The task was marked as not applicable."))
            return redirect(task.onboarding)
    return render(request, "onboarding/task_set_aside.html", {"form": form, "task": task})


def task_add(request, pk):
    """Add a task to a running onboarding (the leader or HR)."""
    onboarding = _visible_onboarding(request, pk)
    if not selectors.may_manage(request.user, onboarding):
        raise PermissionDenied
    form = TaskAddForm(request.POST or None, initial={"due_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.onboarding_task_add(onboarding=onboarding, now=timezone.now(), **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The task was added."))
            return redirect(onboarding)
    return render(request, "onboarding/task_add.html", {"form": form, "onboarding": onboarding})


# Floor notes ------------------------------------------------------------------------------------------


def floor_note_add(request):
    """Jot a floor note from a phone in seconds: about whom (only people one may note), what, and
    optionally a call or case reference. One's own recent notes below."""
    viewer = _viewer(request)
    if viewer is None:
        return render(request, "people/no_employee.html")
    people = selectors.notable_people(viewer)
    query = QueryForm(request.GET, employee=IdField()).cleaned()
    initial = {"employee": people.filter(pk=query["employee"]).first()} if "employee" in query else {}
    form = FloorNoteForm(request.POST or None, initial=initial, people=people)
    if request.method == "POST" and form.is_valid():
        try:
            services.floor_note_add(author=viewer, now=timezone.now(), **form.cleaned_data)
        except PermissionDenied:
            form.add_error("employee", _("You cannot write notes about this person."))
        else:
            messages.success(
                request,
                _("Noted. Only you and %(name)s's team leader can read it.")
                % {"name": form.cleaned_data["employee"]},
            )
            return redirect("onboarding:floor_note_add")
    recent = (
        FloorNote.objects.visible_to(request.user)
        .filter(author=viewer)
        .select_related("employee__user")[:RECENT_NOTES]
    )
    return render(
        request,
        "onboarding/floor_note_form.html",
        {"form": form, "recent": recent, "has_people": people.exists()},
    )


def _leader_conversation(request, conversation_pk):
    conversation = get_object_or_404(
        Conversation.objects.visible_to(request.user).select_related("employee__team", "employee__user"),
        pk=conversation_pk,
    )
    if not conversation.can_be_changed_by(_viewer(request)):
        raise Http404  # only the leader prepares it: for anyone else the panel does not exist
    return conversation


def floor_notes_panel(request, conversation_pk):
    """The floor notes about the conversation's person since their last held conversation, each with
    "Add to agenda": loaded into the leader's conversation page by htmx (a page of its own without
    JavaScript)."""
    conversation = _leader_conversation(request, conversation_pk)
    notes = list(selectors.floor_notes_since_last_conversation(request.user, conversation))
    template = (
        "onboarding/_floor_notes_panel.html" if _is_htmx(request) else "onboarding/floor_notes_page.html"
    )
    return render(request, template, {"conversation": conversation, "notes": notes})


@require_POST
def floor_note_to_agenda(request, pk, conversation_pk):
    """Put a floor note on the conversation's shared agenda; a second click adds nothing."""
    conversation = _leader_conversation(request, conversation_pk)
    note = get_object_or_404(
        FloorNote.objects.visible_to(request.user), pk=pk, employee=conversation.employee
    )
    try:
        added = services.floor_note_to_agenda(note=note, conversation=conversation, by=_viewer(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if added:
            messages.success(
                request,
                _("The note is on the agenda now; %(name)s can read it there.")
                % {"name": conversation.employee},
            )
    return redirect(conversation)
