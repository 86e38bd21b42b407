"""A team changes leader: HR's list of teams and handover page, and the leader's handover notes."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Case, Q, QuerySet, Value, When
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coaching.forms import CANDIDATES_OFFERED, HandoverNoteForm, TeamHandoverForm
from coaching.handover import handover_note_save, handover_plan, team_handover
from coaching.models import HandoverNote
from people.forms import QueryForm
from people.models import Employee, Role, Team

TEAMS_PER_PAGE = 50
RECEIVED_LIMIT = 200


def _candidates(user, team: Team) -> QuerySet[Employee]:
    """Who may become `team`'s leader: a team leader at its site, or one of its members (first)."""
    return (
        Employee.objects.visible_to(user)
        .active()
        .filter(Q(role=Role.TEAM_LEADER, site=team.site_id) | Q(team=team))
        .select_related("user")
        .order_by(
            Case(When(team=team, then=Value(0)), default=Value(1)), "user__first_name", "user__last_name"
        )
    )


def handover_candidates(request, team_pk):
    """The new-leader options of a team's handover page (htmx): the candidates whose name or employee
    number matches `leader_search`, at most CANDIDATES_OFFERED of them."""
    team = get_object_or_404(Team.objects.visible_to(request.user), pk=team_pk)
    query = QueryForm(request.GET, leader_search=forms.CharField(required=False, max_length=100)).cleaned()
    people = list(
        _candidates(request.user, team).matching(query.get("leader_search", ""))[: CANDIDATES_OFFERED + 1]
    )
    return render(
        request,
        "coaching/_candidate_options.html",
        {"people": people[:CANDIDATES_OFFERED], "more": len(people) > CANDIDATES_OFFERED},
    )


def team_handover_page(request, team_pk):
    """HR: what moves if the team gets a new leader, and the one step that hands it over."""
    viewer = getattr(request.user, "employee", None)
    if viewer is None:  # an administrator's login: told why
        return render(request, "people/no_employee.html")
    team = get_object_or_404(
        Team.objects.visible_to(request.user).select_related("site", "leader__user"), pk=team_pk
    )
    now = timezone.now()
    plan = handover_plan(team=team, now=now)
    candidates = _candidates(request.user, team)
    note_members = (
        [member for member in plan.members if member.pk not in plan.noted] if team.leader_id else []
    )
    form = TeamHandoverForm(
        request.POST or None,
        team=team,
        candidates=candidates,
        note_members=note_members,
        search_url=reverse("coaching:handover_candidates", args=[team.pk]),
        initial={"expected_leader": team.leader_id},
    )
    if request.method == "POST" and form.is_valid():
        try:
            done = team_handover(
                team=team,
                new_leader=form.cleaned_data["new_leader"],
                expected_leader_id=form.cleaned_data["expected_leader"],
                by=viewer,
                notes=form.notes(),
                now=now,
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("coaching:team_handover", team_pk=team.pk)
        messages.success(
            request,
            _(
                "%(leader)s now leads %(team)s: %(conversations)s booked conversations and %(notes)s "
                "handover notes moved to them."
            )
            % {
                "leader": form.cleaned_data["new_leader"],
                "team": team.name,
                "conversations": done.conversations,
                "notes": done.notes,
            },
        )
        return redirect("coaching:team_handover", team_pk=team.pk)
    return render(
        request,
        "coaching/team_handover.html",
        {"team": team, "plan": plan, "form": form},
        status=400 if form.errors else 200,
    )


def handover_notes(request):
    """A team leader: what the next leader should know about each of their people, and the notes handed
    to them when they took a team over."""
    leader = getattr(request.user, "employee", None)
    if leader is None:  # an administrator's login: told why
        return render(request, "people/no_employee.html")
    members = (
        Employee.objects.visible_to(request.user, for_edit=True)
        .exclude(pk=leader.pk)
        .select_related("user", "team")
        .order_by("team__name", "user__first_name", "user__last_name")
    )
    if request.method == "POST":
        form = HandoverNoteForm(request.POST, members=members)
        if form.is_valid():
            try:
                handover_note_save(
                    leader=leader, employee=form.cleaned_data["employee"], text=form.cleaned_data["text"]
                )
            except ValidationError as error:
                for message in error.messages:
                    messages.error(request, message)
            else:
                messages.success(request, _("The handover note was saved."))
        else:
            errors = " ".join(message for field_errors in form.errors.values() for message in field_errors)
            messages.error(
                request, _("The handover note could not be saved: %(errors)s") % {"errors": errors}
            )
        return redirect("coaching:handover_notes")
    pending = dict(
        HandoverNote.objects.readable_by(request.user)
        .pending()
        .filter(from_leader=leader)
        .values_list("employee_id", "text")
    )
    forms_by_member = [
        (
            member,
            HandoverNoteForm(
                members=members, initial={"employee": member.pk, "text": pending.get(member.pk, "")}
            ),
        )
        for member in members
    ]
    received = (
        HandoverNote.objects.readable_by(request.user)
        .filter(to_leader=leader)
        .select_related("employee__user", "from_leader__user", "written_by__user")[:RECEIVED_LIMIT]
    )
    return render(request, "coaching/handover_notes.html", {"forms": forms_by_member, "received": received})
