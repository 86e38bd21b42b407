"""A team changes leader: what moves to the new leader, and the one step that moves it (HR).

Booked conversations (scheduled, not yet started) are re-assigned to the new leader: the employee is
owed an updated invitation (`invitation_changed_at`) and the new leader an invitation of their own
(`handed_over_at`, the reminder kind `conversation_handover`), both sent by the reminder sweep. Open
action items and goals awaiting the leader's agreement belong to the employee and follow the team: the
page lists them, nothing is rewritten. Handover notes the old leader wrote (or HR writes on the page)
reach the new leader. Private notes stay with their author: nothing here reads or moves them.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from coaching.models import ActionItem, Conversation, HandoverNote
from goals.models import Goal
from people.models import Employee, Team
from people.services import team_leader_change


@dataclass
class HandoverPlan:
    """What moves when `team` gets a new leader, as the HR page lists it."""

    team: Team
    members: list[Employee]
    conversations: list[Conversation]
    action_items: list[ActionItem]
    goals: list[Goal]
    noted: set[int]  # members the leader has written a handover note about (HR sees that, not the text)


@dataclass(frozen=True)
class HandoverDone:
    previous_leader: Employee | None
    conversations: int
    notes: int


def _members(team: Team, *, leader_id: int | None):
    """The team's current members, its leader not counted."""
    members = Employee.objects.filter(team=team).active()
    return members.exclude(pk=leader_id) if leader_id else members


def _booked(team: Team, *, leader_id: int | None, now: datetime.datetime):
    """The leader's conversations with the team's members that are booked and have not started."""
    return Conversation.objects.upcoming(now).filter(
        leader_id=leader_id, employee__in=_members(team, leader_id=leader_id).values("pk")
    )


def handover_plan(*, team: Team, now: datetime.datetime) -> HandoverPlan:
    """What would move if `team` got a new leader at `now` (five queries, whatever the team's size).
    For HR: it reads no private note and no handover note's text."""
    leader_id = team.leader_id
    members = _members(team, leader_id=leader_id)
    in_team = members.values("pk")
    return HandoverPlan(
        team=team,
        members=list(members.select_related("user").order_by("user__first_name", "user__last_name")),
        conversations=list(
            _booked(team, leader_id=leader_id, now=now).select_related("employee__user", "conversation_type")
        ),
        action_items=list(
            ActionItem.objects.open()
            .filter(employee__in=in_team)
            .select_related("employee__user")
            .order_by("employee_id", "due_on", "pk")
        ),
        goals=list(
            Goal.objects.awaiting_agreement()
            .filter(employee__in=in_team, leader_agreed_at__isnull=True)
            .select_related("employee__user")
            .order_by("employee_id", "due_on", "pk")
        ),
        noted=set(
            HandoverNote.objects.pending()
            .filter(from_leader_id=leader_id, employee__in=in_team)
            .values_list("employee_id", flat=True)
        )
        if leader_id
        else set(),
    )


def team_handover(
    *,
    team: Team,
    new_leader: Employee,
    expected_leader_id: int | None,
    by: Employee,
    notes: dict[int, str],
    now: datetime.datetime,
) -> HandoverDone:
    """HR gives `team` the leader `new_leader`, in one step, all or nothing: the team's leader changes
    (the people service records the position change), the old leader's booked conversations with the
    members move to the new leader and both people are owed an invitation, the old leader's pending
    handover notes reach the new leader, and `notes` (member id -> text, written by HR on the page)
    are added as handover notes.

    Guarded by the team's leader as HR saw it (`expected_leader_id`): a second submit, or someone else
    changing the leader meanwhile, raises ValidationError and nothing changes."""
    with transaction.atomic():
        previous = team_leader_change(
            team=team,
            new_leader=new_leader,
            expected_leader_id=expected_leader_id,
            changed_by=by.user,
            change_note=_("Team leader of %(team)s") % {"team": team.name},
        )
        if previous is None:
            if any(text.strip() for text in notes.values()):
                raise ValidationError(_("The team had no leader, so there is no handover note to write."))
            return HandoverDone(previous_leader=None, conversations=0, notes=0)
        members = _members(team, leader_id=previous.pk).exclude(pk=new_leader.pk)
        member_ids = set(members.values_list("pk", flat=True))
        if set(notes) - member_ids:
            raise ValidationError(_("A handover note can only be about a member of the team."))
        conversations = list(
            Conversation.objects.select_for_update(of=("self",))
            .upcoming(now)
            .filter(leader=previous, employee_id__in=member_ids)
        )
        for conversation in conversations:
            conversation.leader = new_leader
            conversation.calendar_sequence += 1
            conversation.invitation_changed_at = now
            conversation.handed_over_at = now
        bulk_update_with_history(
            conversations,
            Conversation,
            ["leader", "calendar_sequence", "invitation_changed_at", "handed_over_at"],
            default_user=by.user,
            default_change_reason="handover",
        )
        pending = HandoverNote.objects.pending().filter(from_leader=previous, employee_id__in=member_ids)
        moved = pending.update(to_leader=new_leader, handed_over_at=now)
        written = [
            HandoverNote(
                employee_id=employee_id,
                from_leader=previous,
                to_leader=new_leader,
                written_by=by,
                text=text.strip(),
                handed_over_at=now,
            )
            for employee_id, text in notes.items()
            if text.strip()
        ]
        HandoverNote.objects.bulk_create(written)
    return HandoverDone(
        previous_leader=previous, conversations=len(conversations), notes=moved + len(written)
    )


@transaction.atomic
def handover_note_save(*, leader: Employee, employee: Employee, text: str) -> HandoverNote | None:
    """The team's leader writes (or rewrites) what the next leader should know about `employee`, before
    a handover. Empty text deletes the note. Only the employee's current team leader may write one."""
    if employee.team is None or employee.team.leader_id != leader.pk or employee.pk == leader.pk:
        raise ValidationError(_("You can write a handover note only about a member of a team you lead."))
    pending = HandoverNote.objects.pending().select_for_update().filter(from_leader=leader, employee=employee)
    note = pending.first()
    if not text.strip():
        pending.delete()
        return None
    note = note or HandoverNote(from_leader=leader, written_by=leader, employee=employee)
    note.text = text.strip()
    note.full_clean()
    note.save()
    return note
