import datetime

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from hr import exports, services
from hr.filters import TalentFilter, with_development_goals_done
from hr.forms import ErasureForm, HistoryFilterForm, LegalHoldForm
from hr.models import AccessLogEntry, Erasure, LegalHold, PrivacySettings
from hr.subject_access import personal_data, readable
from hr.timeline import audience_for, timeline, years_of
from people.access_log import Viewed, log_access
from people.forms import IdField, QueryForm
from people.models import Employee, Team

EXPORT_FORMATS = ("csv", "json", "pdf")
RETENTION_HORIZON_DAYS = 90


def _employee(request, pk):
    return get_object_or_404(
        Employee.objects.visible_to(request.user).select_related("user", "site", "team"), pk=pk
    )


def _query_without(request, *names):
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


def history(request, pk):
    """One person's development history, one year a page, filtered by period and kind."""
    employee = _employee(request, pk)
    privacy = PrivacySettings.current()
    form = HistoryFilterForm(request.GET or None)
    context = {"employee": employee, "form": form, "privacy": privacy}
    if form.is_bound and not form.is_valid():
        return render(request, "hr/history.html", {**context, "entries": [], "years": []}, status=400)
    data = form.cleaned_data if form.is_bound else {}
    start, end = data.get("start"), data.get("end")
    years = [
        year
        for year in years_of(employee, timezone.localdate())
        if (start is None or year >= start.year) and (end is None or year <= end.year)
    ]
    year = data.get("year") if data.get("year") in years else (years[0] if years else None)
    entries = []
    if year is not None:
        period_start = max(datetime.date(year, 1, 1), start or datetime.date.min)
        period_end = min(datetime.date(year, 12, 31), end or datetime.date.max)
        audience = audience_for(request.user, employee, privacy)
        entries = timeline(employee, audience, period_start, period_end, data.get("kind"))
    log_access(request, employee.pk, Viewed.HISTORY)
    return render(
        request,
        "hr/history.html",
        {
            **context,
            "entries": entries,
            "years": years,
            "year": year,
            "query": _query_without(request, "year"),  # for the year links and the exports
        },
    )


def history_export(request, pk, fmt):
    """The same entries as the page, for the whole period asked for (the employment by default)."""
    if fmt not in EXPORT_FORMATS:
        raise Http404
    employee = _employee(request, pk)
    privacy = PrivacySettings.current()
    form = HistoryFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        context = {"employee": employee, "form": form, "privacy": privacy, "entries": [], "years": []}
        return render(request, "hr/history.html", context, status=400)
    data = form.cleaned_data if form.is_bound else {}
    today = timezone.localdate()
    start = data.get("start") or employee.started_on
    end = data.get("end") or max(today, employee.ended_on or today)
    entries = timeline(employee, audience_for(request.user, employee, privacy), start, end, data.get("kind"))
    log_access(request, employee.pk, Viewed.EXPORT)
    filename = f"history-{employee.employee_number}-{today.isoformat()}.{fmt}"
    if fmt == "csv":
        header = [_("Date"), _("Kind"), _("What"), _("Details"), _("By")]
        rows = ([e.on.isoformat(), e.kind_label, e.title, e.detail, e.by] for e in entries)
        return exports.csv_response(filename, header, rows)
    if fmt == "json":
        return exports.json_response(
            filename,
            {
                "employee": {"name": employee.full_name, "employee_number": employee.employee_number},
                "period": {"start": start, "end": end},
                "exported_on": today,
                "entries": [entry.as_dict() for entry in entries],
            },
        )
    context = {
        "employee": employee,
        "entries": entries,
        "start": start,
        "end": end,
        "today": today,
        "privacy": privacy,
        "organisation": settings.ORGANISATION_NAME,
        "reader": request.user,
    }
    return exports.pdf_response(filename, "hr/history_pdf.html", context, request)


def _access_log_page(request, entries, template):
    params = QueryForm(
        request.GET,
        what=forms.ChoiceField(choices=AccessLogEntry.What.choices, required=False),
        start=forms.DateField(required=False),
        end=forms.DateField(required=False),
        employee=IdField(),
    ).cleaned()
    start, end = params.get("start"), params.get("end")
    status = 200
    if start and end and end < start:
        messages.error(request, _("The end of the period cannot be before its start."))
        entries, status = entries.none(), 400
    if "what" in params:
        entries = entries.filter(what=params["what"])
    zone = timezone.get_current_timezone()
    if start:
        entries = entries.filter(at__gte=datetime.datetime.combine(start, datetime.time.min, tzinfo=zone))
    if end:
        next_day = end + datetime.timedelta(days=1)
        entries = entries.filter(at__lt=datetime.datetime.combine(next_day, datetime.time.min, tzinfo=zone))
    if "employee" in params:
        entries = entries.filter(subject_id=params["employee"])
    entries = entries.select_related("viewer", "subject__user").order_by("-at", "-pk")
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "params": params,
        "whats": AccessLogEntry.What.choices,
        "query": _query_without(request, "page"),
    }
    return render(request, template, context, status=status)


def access_log(request):
    """HR: who looked at whose data, when and from where."""
    return _access_log_page(request, AccessLogEntry.objects.visible_to(request.user), "hr/access_log.html")


def my_access_log(request):
    """Who has looked at my data (not counting myself)."""
    viewer = request.user.employee
    entries = AccessLogEntry.objects.visible_to(request.user).filter(subject=viewer)
    return _access_log_page(request, entries, "hr/my_access_log.html")


def _talent(request):
    employees = with_development_goals_done(
        Employee.objects.visible_to(request.user).active().select_related("user", "team", "site")
    ).order_by("user__first_name", "user__last_name", "pk")
    teams = Team.objects.visible_to(request.user).select_related("site")
    return TalentFilter(request.GET or None, queryset=employees, teams=teams)


def talent_search(request):
    """HR (and managers, within their sites) look for people to recruit from within."""
    filterset = _talent(request)
    if filterset.is_bound and not filterset.is_valid():
        context = {"filter": filterset, "page": None, "query": ""}
        return render(request, "hr/talent_search.html", context, status=400)
    page = Paginator(filterset.qs, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "hr/talent_search.html",
        {"filter": filterset, "page": page, "query": _query_without(request, "page")},
    )


def talent_export(request):
    filterset = _talent(request)
    if filterset.is_bound and not filterset.is_valid():
        return render(request, "hr/talent_search.html", {"filter": filterset, "page": None}, status=400)
    header = [
        _("Name"),
        _("Employee number"),
        _("Title"),
        _("Role"),
        _("Team"),
        _("Site"),
        _("Start date"),
        _("Career interests"),
        _("Development goals achieved"),
    ]
    rows = (
        [
            employee.full_name,
            employee.employee_number,
            employee.title,
            employee.get_role_display(),
            employee.team.name if employee.team else "",
            employee.site.name,
            employee.started_on.isoformat(),
            ", ".join(str(label) for label in employee.get_career_interests_display()),
            employee.development_goals_done,
        ]
        for employee in filterset.qs
    )
    return exports.csv_response(f"talent-{timezone.localdate().isoformat()}.csv", header, rows)


SECTION_TITLES = {
    "profile": _lazy("Profile"),
    "position_history": _lazy("Position history"),
    "goals": _lazy("Goals"),
    "conversations": _lazy("Conversations"),
    "agenda_items": _lazy("Agenda items"),
    "action_items": _lazy("Action items"),
    "acknowledgements": _lazy("Expectations acknowledged"),
    "onboarding": _lazy("Onboarding"),
    "trainings": _lazy("Mandatory trainings"),
    "reminders_sent": _lazy("Reminders sent to you"),
    "access_log": _lazy("Who has looked at your data"),
    "private_notes_about_you": _lazy("Private notes leaders wrote about you"),
    "floor_notes_about_you": _lazy("Floor notes written about you"),
}


def _my_data(request):
    employee = get_object_or_404(
        Employee.objects.visible_to(request.user).select_related("user", "site", "team"),
        pk=request.user.employee.pk,
    )
    privacy = PrivacySettings.current()
    return employee, privacy, personal_data(employee, privacy)


def my_data(request):
    """Everything Samtal holds about me, readable; the same as a JSON download."""
    employee, privacy, data = _my_data(request)
    sections = [(SECTION_TITLES[key], readable(value)) for key, value in data.items()]
    context = {"employee": employee, "privacy": privacy, "sections": sections, "today": timezone.localdate()}
    return render(request, "hr/my_data.html", context)


def my_data_json(request):
    employee, _privacy, data = _my_data(request)
    return exports.json_response(
        f"samtal-{employee.employee_number}-{timezone.localdate().isoformat()}.json", data
    )


def retention(request):
    """A dry run of the retention sweep: who will be erased, and when (within the next 90 days, and
    those already due), with legal holds shown."""
    privacy = PrivacySettings.current()
    today = timezone.localdate()
    horizon = services.months_before(
        today + datetime.timedelta(days=RETENTION_HORIZON_DAYS), privacy.retention_months
    )
    leavers = Employee.objects.visible_to(request.user).filter(ended_on__lt=horizon)
    people = (
        services.not_erased_nor_held(leavers)
        .select_related("user", "site", "team")
        .order_by("ended_on", "pk")
    )
    held = (
        leavers.filter(pk__in=LegalHold.objects.active().values("employee_id"))
        .exclude(pk__in=Erasure.objects.values("employee_id"))
        .select_related("user", "site")
        .order_by("ended_on", "pk")
    )
    page = Paginator(people, 50).get_page(request.GET.get("page"))
    due_dates = [
        (employee, services.erasure_due_on(employee.ended_on, privacy.retention_months)) for employee in page
    ]
    rows = [(employee, due_on, due_on <= today) for employee, due_on in due_dates]
    return render(
        request,
        "hr/retention.html",
        {
            "page": page,
            "rows": rows,
            "held": held[:50],
            "privacy": privacy,
            "today": today,
            "horizon_days": RETENTION_HORIZON_DAYS,
        },
    )


def employee_privacy(request, pk):
    """HR: a person's legal holds and erasure, with the forms to place or lift a hold and to erase."""
    employee = _employee(request, pk)
    holds = list(LegalHold.objects.filter(employee=employee).select_related("placed_by", "lifted_by"))
    erasure = Erasure.objects.filter(employee=employee).select_related("requested_by").first()
    active = next((hold for hold in holds if hold.lifted_at is None), None)
    return render(
        request,
        "hr/employee_privacy.html",
        {
            "employee": employee,
            "holds": holds,
            "active_hold": active,
            "erasure": erasure,
            "hold_form": LegalHoldForm(prefix="hold"),
            "lift_form": LegalHoldForm(prefix="lift"),
            "erase_form": ErasureForm(),
            "privacy": PrivacySettings.current(),
        },
    )


def _privacy_post(request, pk, form_class, prefix, action, success):
    employee = _employee(request, pk)
    form = form_class(request.POST, prefix=prefix)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("hr:employee_privacy", pk=employee.pk)
    try:
        action(employee, form.cleaned_data)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, success)
    return redirect("hr:employee_privacy", pk=employee.pk)


@require_POST
def legal_hold_place(request, pk):
    return _privacy_post(
        request,
        pk,
        LegalHoldForm,
        "hold",
        lambda employee, data: services.legal_hold_place(
            employee=employee, reason=data["reason"], by=request.user
        ),
        _("The legal hold was placed: nothing of this person will be erased until it is lifted."),
    )


@require_POST
def legal_hold_lift(request, pk):
    return _privacy_post(
        request,
        pk,
        LegalHoldForm,
        "lift",
        lambda employee, data: services.legal_hold_lift(
            employee=employee, reason=data["reason"], by=request.user
        ),
        _("The legal hold was lifted."),
    )


@require_POST
def employee_erase(request, pk):
    return _privacy_post(
        request,
        pk,
        ErasureForm,
        None,
        lambda employee, data: services.erase_on_request(employee=employee, by=request.user),
        _("The personal data of this person were erased. A record that it happened is kept."),
    )
