import datetime
from functools import partial, wraps
from zoneinfo import ZoneInfo

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coaching import ical, panels, selectors, services
from coaching.forms import (
    AgendaItemForm,
    ConfirmForm,
    ConversationForm,
    ConversationRequestForm,
    NotesForm,
    PauseForm,
    RhythmForm,
    action_item_formset,
)
from coaching.models import ActionItem, CalendarFeed, Conversation, ConversationType, Rhythm, day_start
from people.access_log import Viewed, log_access
from people.forms import IdField, QueryForm
from people.models import Employee
from people.privacy import Reading

UPCOMING_LIMIT = 100
PAST_LIMIT = 12
FEED_LIMIT = 500


def _viewer(request):
    return getattr(request.user, "employee", None)


def _own_employee(request):
    return request.user.employee


def employee_required(view):
    """Pages about the signed-in person's own conversations. A login without an employee record
    (a superuser passes the role rules) is told why there is nothing here, as on the home page."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if _viewer(request) is None:
            return render(request, "people/no_employee.html")
        return view(request, *args, **kwargs)

    return wrapper


def _next_url(request, fallback):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return fallback


def _is_htmx(request):
    return bool(request.headers.get("HX-Request"))


def _apply_errors(form, error: ValidationError):
    """Show a service's ValidationError on the form that fed it (field errors where they belong)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _visible_conversation(request, pk):
    return get_object_or_404(
        Conversation.objects.visible_to(request.user).select_related("employee__team"), pk=pk
    )


def _changeable_conversation(request, pk):
    """A conversation the viewer may see (else 404) and change (else 403): the leader's actions."""
    conversation = _visible_conversation(request, pk)
    if not conversation.can_be_changed_by(_viewer(request)):
        raise PermissionDenied
    return conversation


# The agent's page ---------------------------------------------------------------------------------


@employee_required
def my_conversations(request):
    """The signed-in employee's own conversations: the next one with its agenda, summaries to read
    and confirm, and their open action items. Built for a phone."""
    viewer = _own_employee(request)
    now = timezone.now()
    own = Conversation.objects.visible_to(request.user).filter(employee=viewer)
    related = ("leader__user", "conversation_type", "employee__site")
    upcoming = list(
        own.upcoming(now).select_related(*related).prefetch_related(selectors.agenda_with_authors())[:5]
    )
    past = list(own.held().select_related(*related).order_by("-scheduled_at")[:PAST_LIMIT])
    to_confirm = [conversation for conversation in past if conversation.awaits_confirmation]
    action_items = list(
        ActionItem.objects.visible_to(request.user)
        .filter(employee=viewer)
        .open()
        .select_related("conversation__conversation_type")
    )
    return render(
        request,
        "coaching/my_conversations.html",
        {
            "next_conversation": upcoming[0] if upcoming else None,
            "later": upcoming[1:],
            "past": past,
            "to_confirm": to_confirm,
            "action_items": action_items,
            "can_tick": True,
            "agenda_form": AgendaItemForm(),
            "has_leader": viewer.team is not None and viewer.team.leader_id is not None,
        },
    )


@employee_required
def conversation_request(request):
    """An employee asks their team leader for a conversation at a time they propose."""
    viewer = _own_employee(request)
    now = timezone.now()
    form = ConversationRequestForm(request.POST or None, employee=viewer, now=now)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            conversation = services.conversation_request(
                employee=viewer,
                conversation_type=data["conversation_type"],
                scheduled_at=data["scheduled_at"],
                duration_minutes=data["duration_minutes"],
                topic=data["topic"],
                now=now,
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Your request was sent to your team leader."))
            return redirect(conversation)
    return render(
        request, "coaching/conversation_request.html", {"form": form, "zone": viewer.site.time_zone}
    )


# The leader's pages -------------------------------------------------------------------------------


@employee_required
def leader_conversations(request):
    """The leader's conversations: today's, the upcoming ones (requests flagged), held ones still
    without notes, summaries the employee has not confirmed yet, and the past ones."""
    viewer = _own_employee(request)
    now = timezone.now()
    today = timezone.localdate(now)  # in the leader's site zone, which the middleware activated
    zone = timezone.get_current_timezone()
    mine = Conversation.objects.visible_to(request.user).filter(leader=viewer)
    related = ("employee__user", "employee__site", "conversation_type", "requested_by")
    not_cancelled = mine.exclude(status=Conversation.Status.CANCELLED)
    lists = {
        "today": not_cancelled.on_day(today, zone).order_by("scheduled_at"),
        "upcoming": mine.upcoming(day_start(today + datetime.timedelta(days=1), zone)),
        "notes_missing": mine.notes_missing().order_by("-scheduled_at"),
        "unconfirmed": mine.unconfirmed().order_by("-scheduled_at"),
        "past": not_cancelled.filter(scheduled_at__lt=day_start(today, zone)).order_by("-scheduled_at"),
    }
    limits = {"past": PAST_LIMIT}
    context = {
        name: list(conversations.select_related(*related)[: limits.get(name, UPCOMING_LIMIT)])
        for name, conversations in lists.items()
    }
    return render(request, "coaching/leader_conversations.html", context)


def _conversation_form_view(request, *, mode):
    viewer = _own_employee(request)
    now = timezone.now()
    employees = Employee.objects.visible_to(request.user, for_edit=True)
    initial = {}
    query = QueryForm(
        request.GET,
        employee=IdField(),
        type=forms.ChoiceField(choices=ConversationType.Kind.choices, required=False),
    ).cleaned()
    if "employee" in query:
        initial["employee"] = employees.filter(pk=query["employee"]).first()
    if "type" in query:
        initial["conversation_type"] = ConversationType.objects.filter(kind=query["type"]).first()
    due_on_for = partial(selectors.due_on_for, now=now) if mode == "schedule" else None
    if due_on_for and initial.get("employee") is not None:
        employee = initial["employee"]
        due_on = due_on_for(employee, initial.get("conversation_type"))
        if due_on is not None:
            start = selectors.proposed_start(due_on=due_on, now=now, zone_name=employee.site.time_zone)
            initial.update(scheduled_on=start.date(), start_time=start.time(), due_on=due_on)
    form = ConversationForm(
        request.POST or None,
        initial=initial,
        employees=employees,
        leader=viewer,
        now=now,
        mode=mode,
        due_on_for=due_on_for,
    )
    if request.method == "POST" and form.is_valid():
        service = services.conversation_log if mode == "log" else services.conversation_schedule
        try:
            conversation = service(leader=viewer, now=now, **form.service_kwargs())
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            if mode == "log":
                messages.success(request, _("The conversation was logged. Write its notes below."))
            else:
                messages.success(
                    request,
                    _("The conversation with %(name)s was booked and an invitation sent.")
                    % {"name": conversation.employee},
                )
            return redirect(conversation)
    return render(request, "coaching/conversation_form.html", {"form": form, "mode": mode})


@employee_required
def conversation_schedule(request):
    return _conversation_form_view(request, mode="schedule")


@employee_required
def conversation_log(request):
    return _conversation_form_view(request, mode="log")


def conversation_reschedule(request, pk):
    """Move a scheduled conversation; its history keeps the old time."""
    conversation = _changeable_conversation(request, pk)
    now = timezone.now()
    zone = ZoneInfo(conversation.employee.site.time_zone)
    local = timezone.localtime(conversation.scheduled_at, zone)
    form = ConversationForm(
        request.POST or None,
        initial={
            "scheduled_on": local.date(),
            "start_time": local.time(),
            "duration_minutes": conversation.duration_minutes,
            "location": conversation.location,
        },
        employees=Employee.objects.none(),
        leader=conversation.leader,
        now=now,
        mode="reschedule",
        conversation=conversation,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.conversation_reschedule(conversation=conversation, now=now, **form.service_kwargs())
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The conversation was moved and the invitation updated."))
            return redirect(conversation)
    return render(
        request,
        "coaching/conversation_form.html",
        {"form": form, "mode": "reschedule", "conversation": conversation},
    )


# One conversation -----------------------------------------------------------------------------------


def _detail_context(
    request, conversation_pk, *, notes_form=None, action_forms=None, confirm_form=None, agenda_form=None
):
    viewer = _viewer(request)
    try:
        conversation = selectors.conversation_for_page(
            Conversation.objects.visible_to(request.user), conversation_pk
        )
    except Conversation.DoesNotExist:
        raise Http404 from None
    can_change = conversation.can_be_changed_by(viewer)
    is_employee = conversation.is_employee(viewer)
    reading = Reading.of(request.user, conversation.employee)
    has_started = conversation.scheduled_at <= timezone.now()
    private_note = selectors.own_private_note(conversation, request.user) if can_change else None
    if can_change and notes_form is None and conversation.status != Conversation.Status.CANCELLED:
        notes_form = NotesForm(
            conversation=conversation, private_note=private_note.text if private_note else ""
        )
    if notes_form is not None and action_forms is None:
        action_forms = action_item_formset()
    if is_employee and conversation.has_summary and confirm_form is None:
        confirm_form = ConfirmForm(initial={"comment": conversation.employee_comment})
    return {
        "conversation": conversation,
        "can_change": can_change,
        "is_employee": is_employee,
        # HR: that it happened, unless the data-protection officer allows the summary; individual
        # wellbeing: the person and their leader only (people.privacy).
        "reads_summary": can_change or reading.reads_summary,
        "reads_wellbeing": can_change or reading.reads_wellbeing,
        "can_tick": can_change or is_employee,
        "can_add_agenda": (can_change or is_employee) and conversation.is_scheduled,
        "can_hold": can_change and conversation.is_scheduled and has_started,
        "agenda_form": agenda_form or AgendaItemForm(),
        "carried_over": list(selectors.carried_over_action_items(conversation)),
        "goals": selectors.goals_for(conversation.employee_id),
        # Before the talk the latest figures help to prepare it; once held, the frozen ones tell what
        # was discussed. Either way in the reader's language.
        "key_figures": selectors.frozen_key_figures(
            conversation.kpi_snapshot
            if conversation.is_held
            else selectors.kpi_snapshot_for(conversation.employee_id)
        ),
        "private_note": private_note,
        "notes_form": notes_form,
        "action_forms": action_forms,
        "confirm_form": confirm_form,
        "notes_changes": selectors.shared_notes_changes(conversation) if is_employee else None,
        "has_started": has_started,
        "zone": conversation.employee.site.time_zone,
        "panel_urls": panels.panel_urls(conversation, viewer),
    }


def conversation_detail(request, pk):
    """The conversation page: agenda, carried-over actions, goals, notes and status. The leader
    writes; the employee adds to the agenda and confirms; managers and HR read."""
    context = _detail_context(request, pk)
    log_access(request, context["conversation"].employee_id, Viewed.CONVERSATIONS)
    return render(request, "coaching/conversation_detail.html", context)


def _notes_post(request, pk, *, hold: bool):
    """The notes form, posted to save (`hold=False`) or to save and mark as held. Whatever happens,
    nothing typed is lost: errors and "Add another" re-show every value, the private note included."""
    viewer = _viewer(request)
    now = timezone.now()
    if hold and "shared_notes" not in request.POST:  # a bare "held" post keeps the saved notes
        message = _("Marked as held. The key figures were saved with it.")
        return _status_change(
            request, pk, services.conversation_hold, message, author=viewer, notes=None, now=now
        )
    conversation = _changeable_conversation(request, pk)
    if conversation.status == Conversation.Status.CANCELLED:  # no notes form: a cancelled one has none
        raise PermissionDenied
    private_note = selectors.own_private_note(conversation, request.user)
    form = NotesForm(
        request.POST, conversation=conversation, private_note=private_note.text if private_note else ""
    )
    add_row = "add_action" in request.POST
    action_forms = action_item_formset(request.POST, add_row=add_row)
    if not add_row and form.is_valid() and action_forms.is_valid():
        service = services.conversation_hold if hold else services.conversation_notes_save
        asked_before = conversation.summary_requested_at
        try:
            result = service(
                conversation=conversation, author=viewer, notes=form.notes(action_forms.items()), now=now
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            _notes_saved_messages(
                request, conversation, hold=hold, held_now=result is True, asked_before=asked_before
            )
            return redirect(reverse("coaching:conversation_detail", args=[pk]) + "#notes")
    context = _detail_context(request, pk, notes_form=form, action_forms=action_forms)
    return render(request, "coaching/conversation_detail.html", context)


def _notes_saved_messages(request, conversation, *, hold, held_now, asked_before):
    if hold and held_now:
        messages.success(request, _("Saved and marked as held. The key figures were saved with it."))
    elif hold:
        messages.success(request, _("The notes were saved. The conversation was already marked as held."))
    else:
        messages.success(request, _("The notes were saved."))
    conversation.refresh_from_db(fields=["summary_requested_at"])
    if conversation.summary_requested_at != asked_before:
        messages.info(request, _("The employee will be asked to confirm the summary."))


@require_POST
def conversation_notes(request, pk):
    return _notes_post(request, pk, hold=False)


@require_POST
def conversation_hold(request, pk):
    return _notes_post(request, pk, hold=True)


def _status_change(request, pk, service, message, **kwargs):
    conversation = _changeable_conversation(request, pk)
    try:
        service(conversation=conversation, **kwargs)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, message)
    return redirect(conversation)


@require_POST
def conversation_cancel(request, pk):
    return _status_change(
        request,
        pk,
        services.conversation_cancel,
        _("The conversation was cancelled and the employee told."),
        now=timezone.now(),
    )


@require_POST
def conversation_miss(request, pk):
    return _status_change(request, pk, services.conversation_mark_missed, _("Marked as missed."))


@require_POST
def conversation_confirm(request, pk):
    """The employee confirms the summary of their held conversation (with an optional comment)."""
    conversation = _visible_conversation(request, pk)
    viewer = _viewer(request)
    if not conversation.is_employee(viewer):
        raise PermissionDenied
    form = ConfirmForm(request.POST)
    if form.is_valid():
        try:
            first = services.conversation_confirm(
                conversation=conversation,
                employee=viewer,
                comment=form.cleaned_data["comment"],
                now=timezone.now(),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if first:
                messages.success(request, _("Thank you: the summary is confirmed."))
            else:
                messages.success(request, _("Your comment was saved."))
            return redirect(_next_url(request, conversation.get_absolute_url()))
    return render(
        request, "coaching/conversation_detail.html", _detail_context(request, pk, confirm_form=form)
    )


@require_POST
def agenda_item_add(request, pk):
    """Both the employee and the leader add agenda items; htmx swaps in the agenda, without
    JavaScript the page reloads."""
    conversation = _visible_conversation(request, pk)
    viewer = _viewer(request)
    if not (conversation.is_employee(viewer) or conversation.can_be_changed_by(viewer)):
        raise PermissionDenied
    form = AgendaItemForm(request.POST)
    if form.is_valid():
        try:
            services.agenda_item_add(conversation=conversation, author=viewer, text=form.cleaned_data["text"])
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            form = AgendaItemForm()
            if not _is_htmx(request):
                messages.success(request, _("Added to the agenda."))
    if _is_htmx(request):
        items = conversation.agenda_items.select_related("author__user")
        return render(
            request,
            "coaching/_agenda.html",
            {
                "conversation": conversation,
                "agenda_items": items,
                "agenda_form": form,
                "can_add_agenda": True,
                "next": _next_url(request, conversation.get_absolute_url()),
            },
        )
    if form.errors:
        messages.error(request, " ".join(str(error) for errors in form.errors.values() for error in errors))
    return redirect(_next_url(request, conversation.get_absolute_url()))


@require_POST
def action_item_toggle(request, pk):
    """Tick an action item off or open it again: the employee their own, the leader their people's."""
    items = ActionItem.objects.visible_to(request.user).select_related(
        "conversation__employee__team", "conversation__conversation_type"
    )
    item = get_object_or_404(items, pk=pk)
    viewer = _viewer(request)
    if not item.can_be_ticked_by(viewer, item.conversation):
        raise PermissionDenied
    if request.POST.get("done") == "1":
        services.action_item_tick(action_item=item, now=timezone.now())
    else:
        services.action_item_reopen(action_item=item)
    item.refresh_from_db(fields=["completed_at", "dropped_at"])  # a repeat shows the current state
    if _is_htmx(request):
        return render(
            request,
            "coaching/_action_item_row.html",
            {"item": item, "can_tick": True, "next": _next_url(request, "")},
        )
    return redirect(_next_url(request, item.conversation.get_absolute_url()))


@require_POST
def action_item_drop(request, pk):
    """The leader drops an action item that no longer matters."""
    items = ActionItem.objects.visible_to(request.user).select_related("conversation__employee__team")
    item = get_object_or_404(items, pk=pk)
    if not item.conversation.can_be_changed_by(_viewer(request)):
        raise PermissionDenied
    services.action_item_drop(action_item=item, now=timezone.now())
    messages.success(request, _("The action item was dropped."))
    return redirect(_next_url(request, item.conversation.get_absolute_url()))


def conversation_ics(request, pk):
    """The invitation of one conversation as an .ics file, in the viewer's language."""
    conversation = get_object_or_404(
        Conversation.objects.visible_to(request.user).select_related(
            "employee__user", "employee__site", "leader__user", "conversation_type"
        ),
        pk=pk,
    )
    language = getattr(request, "LANGUAGE_CODE", "en")
    body = ical.conversation_ics(conversation, language=language, now=timezone.now())
    response = HttpResponse(body, content_type="text/calendar; method=REQUEST; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="conversation-{conversation.pk}.ics"'
    return response


# Rhythm -----------------------------------------------------------------------------------------------


def _editable_employee(request, employee_pk):
    """An employee the viewer may see (else 404) and whose rhythm they may change (else 403)."""
    employee = get_object_or_404(
        Employee.objects.visible_to(request.user).select_related("user", "site", "team"), pk=employee_pk
    )
    if not Employee.objects.visible_to(request.user, for_edit=True).filter(pk=employee.pk).exists():
        raise PermissionDenied
    return employee


def rhythm_edit(request, employee_pk):
    """How often this person has each type of conversation, where each stands, and their pause."""
    employee = _editable_employee(request, employee_pk)
    types = ConversationType.objects.filter(is_active=True, default_cadence_days__isnull=False)
    rhythms = list(
        Rhythm.objects.visible_to(request.user)
        .filter(employee=employee)
        .with_status(timezone.localdate())
        .select_related("conversation_type")
    )
    form = RhythmForm(request.POST or None, types=types, rhythms=rhythms)
    if request.method == "POST" and form.is_valid():
        try:
            for kind, cadence in form.cadences():
                services.rhythm_set_cadence(employee=employee, conversation_type=kind, cadence_days=cadence)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The rhythm of %(name)s was saved.") % {"name": employee})
            return redirect("coaching:rhythm_edit", employee_pk=employee.pk)
    pause = next((rhythm for rhythm in rhythms if rhythm.paused_on), None)
    return render(
        request,
        "coaching/rhythm_edit.html",
        {
            "employee": employee,
            "form": form,
            "rhythms": rhythms,
            "pause": pause,
            "pause_form": PauseForm(initial={"paused_on": timezone.localdate()}),
            "welcome_back_due": any(rhythm.welcome_back_due for rhythm in rhythms),
        },
    )


@require_POST
def rhythm_pause(request, employee_pk):
    employee = _editable_employee(request, employee_pk)
    form = PauseForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        services.rhythm_pause(
            employee=employee,
            paused_on=data["paused_on"],
            resumes_on=data["resumes_on"],
            reason=data["reason"],
        )
        messages.success(request, _("The rhythm of %(name)s is paused.") % {"name": employee})
    else:
        messages.error(request, " ".join(str(error) for errors in form.errors.values() for error in errors))
    return redirect("coaching:rhythm_edit", employee_pk=employee.pk)


@require_POST
def rhythm_resume(request, employee_pk):
    employee = _editable_employee(request, employee_pk)
    services.rhythm_resume(employee=employee, today=timezone.localdate())
    messages.success(
        request,
        _("Welcome back, %(name)s: the rhythm runs again and a welcome-back conversation is due.")
        % {"name": employee},
    )
    return redirect("coaching:rhythm_edit", employee_pk=employee.pk)


# Calendar subscription ---------------------------------------------------------------------------------


@employee_required
def calendar_settings(request):
    """See, copy and rotate (revoke) one's own calendar subscription URL."""
    feed = CalendarFeed.objects.filter(employee=_own_employee(request)).first()
    feed_url = request.build_absolute_uri(feed.get_absolute_url()) if feed else ""
    return render(request, "coaching/calendar_settings.html", {"feed": feed, "feed_url": feed_url})


@employee_required
@require_POST
def calendar_rotate(request):
    viewer = _own_employee(request)
    existed = CalendarFeed.objects.filter(employee=viewer).exists()
    services.calendar_feed_rotate(employee=viewer)
    if existed:
        messages.success(request, _("You have a new calendar link. The old one no longer works."))
    else:
        messages.success(
            request, _("Your calendar link is ready. Add it to your calendar as a subscription.")
        )
    return redirect("coaching:calendar_settings")


@login_not_required
def calendar_feed(request, token):
    """The subscription feed: the secret token in the URL authenticates (calendar apps cannot log in).
    Lists the owner's upcoming conversations with names and type only."""
    feed = get_object_or_404(CalendarFeed.objects.select_related("employee__user"), token=token)
    owner = feed.employee
    if not owner.may_use_samtal(timezone.localdate()):
        raise Http404  # people who have left, or whose login is off, lose their feed with their account
    now = timezone.now()
    conversations = (
        Conversation.objects.upcoming(now)
        .filter(Q(leader=owner) | Q(employee=owner))
        .select_related("employee__user", "employee__site", "leader__user", "conversation_type")
    )
    body = ical.feed_ics(conversations[:FEED_LIMIT], owner=owner, language=owner.language, now=now)
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")
