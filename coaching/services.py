"""Every write of the coaching app. Views read input and call exactly one of these."""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from coaching.models import (
    ActionItem,
    AgendaItem,
    CalendarFeed,
    Conversation,
    ConversationType,
    GuidingAnswer,
    PrivateNote,
    QualityScore,
    Rhythm,
    new_feed_token,
)
from coaching.selectors import kpi_snapshot_for
from people.models import Employee, Role


def rhythms_ensure(*, employees, conversation_type: ConversationType | None = None) -> int:
    """Give each of `employees` a rhythm for `conversation_type` (default: the one-on-one follow-up)
    at the type's default cadence, unless they have one. Safe to repeat; returns how many were made.

    Without a follow-up rhythm a person would not appear as due on the dashboard, so every agent gets
    one (the demo seed and every scheduling call this)."""
    conversation_type = conversation_type or ConversationType.objects.get(
        kind=ConversationType.Kind.FOLLOW_UP
    )
    if not conversation_type.default_cadence_days:
        return 0
    ids = [employee.pk if isinstance(employee, Employee) else employee for employee in employees]
    have = set(
        Rhythm.objects.filter(employee_id__in=ids, conversation_type=conversation_type).values_list(
            "employee_id", flat=True
        )
    )
    missing = [
        Rhythm(
            employee_id=pk,
            conversation_type=conversation_type,
            cadence_days=conversation_type.default_cadence_days,
        )
        for pk in ids
        if pk not in have
    ]
    Rhythm.objects.bulk_create(missing, ignore_conflicts=True)
    if missing:  # a new rhythm starts from the history already held
        Rhythm.objects.filter(
            employee_id__in=[rhythm.employee_id for rhythm in missing], conversation_type=conversation_type
        ).refresh_last_held()
    return len(missing)


def rhythms_track_held(*, employee_ids) -> int:
    """Bring the rhythms of `employee_ids` up to date with their held conversations (`last_held_at`,
    `last_seen_at`). Every write that makes a conversation held, or changes or deletes a held one,
    calls it in its own transaction (the services here, the admin). Safe to repeat."""
    rhythms = Rhythm.objects.filter(employee_id__in=employee_ids).order_by("pk")
    # Lock the rows first: the UPDATE then starts after any other writer of them has committed and,
    # under READ COMMITTED, sees that writer's conversation too (two holds at once keep the later one).
    list(rhythms.select_for_update().values_list("pk", flat=True))
    return rhythms.refresh_last_held()


def _ensure_rhythms_for(conversation: Conversation) -> None:
    rhythms_ensure(employees=[conversation.employee_id])
    if conversation.conversation_type.kind != ConversationType.Kind.FOLLOW_UP:
        rhythms_ensure(employees=[conversation.employee_id], conversation_type=conversation.conversation_type)


def _check_leader_may_run(leader: Employee, employee: Employee) -> None:
    if leader.role != Role.TEAM_LEADER or employee.team is None or employee.team.leader_id != leader.pk:
        raise PermissionDenied


def _book(conversation: Conversation, now: datetime.datetime) -> Conversation:
    """Save a new booking, make sure the person has their rhythms, and record that the invitation is
    owed (the reminder sweep sends it, so booking never waits on the broker)."""
    conversation.invitation_changed_at = now
    conversation.full_clean()
    conversation.save()
    _ensure_rhythms_for(conversation)
    return conversation


@transaction.atomic
def conversation_schedule(
    *,
    leader: Employee,
    employee: Employee,
    conversation_type: ConversationType,
    scheduled_at: datetime.datetime,
    duration_minutes: int,
    location: str = "",
    now: datetime.datetime,
) -> Conversation:
    """Book a conversation the leader runs with one of their people; the employee is owed an invitation
    (with an .ics). Past times are refused: log those instead."""
    _check_leader_may_run(leader, employee)
    if scheduled_at < now:
        raise ValidationError({"scheduled_on": _("This time has passed. Log a held conversation instead.")})
    conversation = Conversation(
        leader=leader,
        employee=employee,
        conversation_type=conversation_type,
        scheduled_at=scheduled_at,
        duration_minutes=duration_minutes,
        location=location,
    )
    return _book(conversation, now)


@transaction.atomic
def conversation_log(
    *,
    leader: Employee,
    employee: Employee,
    conversation_type: ConversationType,
    scheduled_at: datetime.datetime,
    duration_minutes: int,
    location: str = "",
    now: datetime.datetime,
) -> Conversation:
    """Record a conversation that already took place (held); its notes are written next, and the
    employee is asked to confirm once there are shared notes. A held conversation cannot lie in the future."""
    _check_leader_may_run(leader, employee)
    if scheduled_at > now:
        raise ValidationError({"scheduled_on": _("A held conversation cannot be in the future.")})
    conversation = Conversation(
        leader=leader,
        employee=employee,
        conversation_type=conversation_type,
        scheduled_at=scheduled_at,
        duration_minutes=duration_minutes,
        location=location,
        status=Conversation.Status.HELD,
        held_at=now,
        kpi_snapshot=kpi_snapshot_for(employee.pk),
    )
    conversation.full_clean()
    conversation.save()
    _ensure_rhythms_for(conversation)
    rhythms_track_held(employee_ids=[conversation.employee_id])
    return conversation


@transaction.atomic
def conversation_request(
    *,
    employee: Employee,
    conversation_type: ConversationType,
    scheduled_at: datetime.datetime,
    duration_minutes: int,
    topic: str = "",
    now: datetime.datetime,
) -> Conversation:
    """An employee asks their team leader for a conversation at a proposed time. It is booked as
    scheduled (the leader can move it); the topic becomes the first agenda item."""
    team = employee.team
    if team is None or team.leader_id is None:
        raise ValidationError(_("You have no team leader to ask. Please contact HR."))
    if scheduled_at < now:
        raise ValidationError({"scheduled_on": _("Please propose a time in the future.")})
    conversation = Conversation(
        leader_id=team.leader_id,
        employee=employee,
        conversation_type=conversation_type,
        scheduled_at=scheduled_at,
        duration_minutes=duration_minutes,
        requested_by=employee,
    )
    _book(conversation, now)
    if topic:
        AgendaItem.objects.create(conversation=conversation, author=employee, text=topic)
    return conversation


def _locked(conversation: Conversation) -> Conversation:
    """The conversation's row, locked until the transaction ends: two requests changing it queue up,
    and the second sees what the first did (SQLite locks the whole database instead)."""
    return Conversation.objects.select_for_update().get(pk=conversation.pk)


def _no_longer_scheduled() -> ValidationError:
    return ValidationError(_("This conversation is no longer scheduled."))


@transaction.atomic
def conversation_reschedule(
    *,
    conversation: Conversation,
    scheduled_at: datetime.datetime,
    duration_minutes: int,
    location: str,
    now: datetime.datetime,
) -> Conversation:
    """Move a scheduled conversation. The old time stays in its history; calendars get an update
    (calendar_sequence + 1) and the employee is owed a new invitation."""
    conversation = _locked(conversation)
    if not conversation.is_scheduled:
        raise ValidationError(_("Only a scheduled conversation can be moved."))
    if scheduled_at < now:
        raise ValidationError({"scheduled_on": _("This time has passed. Choose a time in the future.")})
    conversation.scheduled_at = scheduled_at
    conversation.duration_minutes = duration_minutes
    conversation.location = location
    conversation.calendar_sequence += 1
    conversation.invitation_changed_at = now
    conversation.full_clean()
    conversation.save()
    return conversation


def _end_scheduled(conversation: Conversation, status: str, now: datetime.datetime | None = None) -> bool:
    """scheduled → `status`. False if it already has that status (a repeat); a conversation in any
    other state cannot change."""
    with transaction.atomic():
        conversation = _locked(conversation)
        if conversation.status == status:
            return False
        if not conversation.is_scheduled:
            raise _no_longer_scheduled()
        conversation.status = status
        conversation.calendar_sequence += 1
        if now is not None:
            conversation.invitation_changed_at = now
        conversation.save()
    return True


def conversation_cancel(*, conversation: Conversation, now: datetime.datetime) -> bool:
    """Cancel a scheduled conversation; the employee's calendar is owed a cancellation. Safe to
    repeat: False if it was already cancelled."""
    return _end_scheduled(conversation, Conversation.Status.CANCELLED, now)


def conversation_mark_missed(*, conversation: Conversation) -> bool:
    """The employee did not come (or the slot was lost): it does not count for the rhythm. Safe to
    repeat: False if it was already marked missed."""
    return _end_scheduled(conversation, Conversation.Status.MISSED)


@dataclass(frozen=True)
class ConversationNotes:
    """What the leader typed on the notes form, all of it saved together."""

    shared_notes: str = ""
    wins: str = ""
    energy: int | None = None
    workload: int | None = None
    wellbeing_comment: str = ""
    private_note: str = ""
    answers: dict[str, str] = field(default_factory=dict)
    scores: dict[str, int | None] = field(default_factory=dict)
    interaction: dict | None = None  # {"reference", "channel", "on"}: coaching sessions only
    action_items: list[dict] = field(default_factory=list)  # each {"text", "owner", "due_on"}


def _ask_for_confirmation(conversation: Conversation, *, notes_changed: bool, now: datetime.datetime) -> None:
    """On a held conversation with shared notes, record that the employee is owed a request to
    confirm them: the first time there is something to confirm, and again when the notes change
    after they confirmed (that confirmation no longer stands). Nothing to confirm, nobody asked."""
    if not conversation.has_summary:
        return
    if conversation.summary_confirmed_at is not None:
        if notes_changed:
            conversation.summary_confirmed_at = None
            conversation.summary_requested_at = now
    elif conversation.summary_requested_at is None:
        conversation.summary_requested_at = now


def _write_notes(conversation: Conversation, *, author: Employee, notes: ConversationNotes, now) -> None:
    """Save every part of `notes` on a locked conversation (the caller holds the transaction)."""
    notes_changed = conversation.shared_notes != notes.shared_notes
    conversation.shared_notes = notes.shared_notes
    conversation.wins = notes.wins
    conversation.energy = notes.energy
    conversation.workload = notes.workload
    conversation.wellbeing_comment = notes.wellbeing_comment
    if notes.interaction is not None:
        conversation.interaction_reference = notes.interaction["reference"]
        conversation.interaction_channel = notes.interaction["channel"]
        conversation.interaction_on = notes.interaction["on"]
    _ask_for_confirmation(conversation, notes_changed=notes_changed, now=now)
    conversation.full_clean()
    conversation.save()

    for question, answer in notes.answers.items():
        if answer:
            GuidingAnswer.objects.update_or_create(
                conversation=conversation, question=question, defaults={"answer": answer}
            )
        else:
            GuidingAnswer.objects.filter(conversation=conversation, question=question).delete()
    for criterion, score in notes.scores.items():
        if score:
            quality_score = QualityScore(conversation=conversation, criterion=criterion, score=score)
            quality_score.full_clean(validate_unique=False)
            QualityScore.objects.update_or_create(
                conversation=conversation, criterion=criterion, defaults={"score": score}
            )
        else:
            QualityScore.objects.filter(conversation=conversation, criterion=criterion).delete()

    own_notes = PrivateNote.objects.filter(conversation=conversation, author=author)
    if notes.private_note.strip():
        note = own_notes.first() or PrivateNote(conversation=conversation, author=author)
        note.text = notes.private_note
        note.full_clean()
        note.save()
    else:
        own_notes.delete()

    for item in notes.action_items:
        action_item_add(conversation=conversation, **item)


@transaction.atomic
def conversation_notes_save(
    *, conversation: Conversation, author: Employee, notes: ConversationNotes, now: datetime.datetime
) -> Conversation:
    """Save the leader's notes in one go: shared notes, wellbeing, wins, answers to the guiding
    questions, quality scores, their own private note (empty deletes it) and new action items. All or
    nothing. On a held conversation, changed shared notes ask the employee to confirm (again)."""
    conversation = _locked(conversation)
    if conversation.status == Conversation.Status.CANCELLED:
        raise ValidationError(_("A cancelled conversation has no notes."))
    _write_notes(conversation, author=author, notes=notes, now=now)
    return conversation


def conversation_hold(
    *, conversation: Conversation, author: Employee, notes: ConversationNotes | None, now: datetime.datetime
) -> bool:
    """Save the notes and mark a scheduled conversation held, in one step, so typed text is never
    dropped: the employee's latest key figures are frozen into it, and if there are shared notes the
    employee is asked once to confirm them. `notes=None` keeps the notes already saved.

    Safe to repeat: a conversation that is already held keeps its first held_at and only saves the
    notes (returns False). Refused before the start, and for a cancelled or missed conversation."""
    with transaction.atomic():
        conversation = _locked(conversation)
        held_now = conversation.is_scheduled
        if held_now:
            if conversation.scheduled_at > now:
                raise ValidationError(_("A conversation cannot be marked as held before it has started."))
            conversation.status = Conversation.Status.HELD
            conversation.held_at = now
            conversation.kpi_snapshot = kpi_snapshot_for(conversation.employee_id)
        elif not conversation.is_held:
            raise _no_longer_scheduled()
        if notes is not None:
            _write_notes(conversation, author=author, notes=notes, now=now)
        else:
            _ask_for_confirmation(conversation, notes_changed=False, now=now)
            conversation.full_clean()
            conversation.save()
        if held_now:
            rhythms_track_held(employee_ids=[conversation.employee_id])
    return held_now


def conversation_confirm(
    *, conversation: Conversation, employee: Employee, comment: str, now: datetime.datetime
) -> bool:
    """The employee has read the summary of a held conversation and confirms it, optionally with a
    comment. Only the employee themself may confirm. Safe to repeat: confirming again keeps the first
    time and only updates the comment (returns False)."""
    if conversation.employee_id != employee.pk:
        raise PermissionDenied
    with transaction.atomic():
        conversation = _locked(conversation)
        if not conversation.has_summary:
            raise ValidationError(_("There is no summary to confirm yet."))
        first = conversation.summary_confirmed_at is None
        conversation.employee_comment = comment
        if first:
            conversation.summary_confirmed_at = now
        conversation.full_clean()
        conversation.save(update_fields=["employee_comment", "summary_confirmed_at"])
    return first


@transaction.atomic
def agenda_item_add(*, conversation: Conversation, author: Employee, text: str) -> AgendaItem:
    """Add an item to the agenda of a scheduled conversation (the employee or the leader)."""
    if not conversation.is_scheduled:
        raise ValidationError(_("The agenda closes once the conversation is no longer scheduled."))
    item = AgendaItem(conversation=conversation, author=author, text=text)
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def action_item_add(
    *, conversation: Conversation, text: str, owner: str, due_on: datetime.date | None = None
) -> ActionItem:
    """Agree an action item in a conversation; it stays open (and carries over) until done or dropped."""
    if not owner:
        raise ValidationError({"owner": _("Choose who owns the action item.")})
    item = ActionItem(
        employee_id=conversation.employee_id, conversation=conversation, text=text, owner=owner, due_on=due_on
    )
    item.full_clean()
    item.save()
    return item


def action_item_tick(*, action_item: ActionItem, now: datetime.datetime) -> bool:
    """Tick an open action item off. Safe to repeat: False if it was already done or dropped
    (the first completed_at stays)."""
    return bool(ActionItem.objects.open().filter(pk=action_item.pk).update(completed_at=now))


def action_item_reopen(*, action_item: ActionItem) -> bool:
    """Open a completed action item again. Safe to repeat: False if it was not completed."""
    done = ActionItem.objects.filter(pk=action_item.pk, completed_at__isnull=False, dropped_at__isnull=True)
    return bool(done.update(completed_at=None))


def action_item_drop(*, action_item: ActionItem, now: datetime.datetime) -> bool:
    """The leader drops an open item that no longer matters: it stops carrying over. Safe to repeat:
    False if it was already done or dropped."""
    return bool(ActionItem.objects.open().filter(pk=action_item.pk).update(dropped_at=now))


@transaction.atomic
def rhythm_set_cadence(
    *, employee: Employee, conversation_type: ConversationType, cadence_days: int | None
) -> Rhythm | None:
    """Set how often `employee` has this type of conversation; None removes the rhythm (the
    one-on-one follow-up cannot be removed: everyone is followed up)."""
    if cadence_days is None:
        if conversation_type.kind == ConversationType.Kind.FOLLOW_UP:
            raise ValidationError(_("Everyone has a follow-up rhythm; choose how often instead."))
        Rhythm.objects.filter(employee=employee, conversation_type=conversation_type).delete()
        return None
    rhythm = Rhythm.objects.filter(employee=employee, conversation_type=conversation_type).first() or Rhythm(
        employee=employee, conversation_type=conversation_type
    )
    rhythm.cadence_days = cadence_days
    if rhythm.pk is not None:  # only the cadence: the copies of the history are the services' to keep
        rhythm.full_clean()
        rhythm.save(update_fields=["cadence_days"])
        return rhythm
    follow_up = Rhythm.objects.filter(
        employee=employee, conversation_type__kind=ConversationType.Kind.FOLLOW_UP
    ).first()
    if follow_up is not None:  # a pause covers every rhythm of the person
        rhythm.paused_on, rhythm.resumes_on = follow_up.paused_on, follow_up.resumes_on
        rhythm.pause_reason = follow_up.pause_reason
    rhythm.full_clean()
    rhythm.save()
    Rhythm.objects.filter(pk=rhythm.pk).refresh_last_held()  # it starts from the history already held
    rhythm.refresh_from_db(fields=["last_held_at", "last_seen_at"])
    return rhythm


@transaction.atomic
def rhythm_pause(
    *, employee: Employee, paused_on: datetime.date, resumes_on: datetime.date | None, reason: str
) -> int:
    """Pause every rhythm of `employee` (parental leave, long sick leave, studies), or change the
    pause: while paused they are not overdue, and when they are back a welcome-back conversation is
    due. Safe to repeat: returns the number of rhythms changed (0 when they already had this pause)."""
    if resumes_on is not None and resumes_on <= paused_on:
        raise ValidationError({"resumes_on": _("The return date must be after the start of the pause.")})
    rhythms_ensure(employees=[employee.pk])
    rhythms = [
        rhythm
        for rhythm in Rhythm.objects.select_for_update().filter(employee=employee)
        if (rhythm.paused_on, rhythm.resumes_on, rhythm.pause_reason) != (paused_on, resumes_on, reason)
    ]
    for rhythm in rhythms:
        rhythm.paused_on, rhythm.resumes_on, rhythm.pause_reason = paused_on, resumes_on, reason
        rhythm.full_clean()
    Rhythm.objects.bulk_update(rhythms, ["paused_on", "resumes_on", "pause_reason"])
    return len(rhythms)


@transaction.atomic
def rhythm_resume(*, employee: Employee, today: datetime.date) -> int:
    """End the pause of `employee` today (or cancel one that has not begun): a welcome-back
    conversation is then due. Only a pause that has not ended yet changes, so a repeat (or a pause
    that ended by itself) changes nothing. Returns the number of rhythms changed."""
    not_ended = Q(resumes_on__isnull=True) | Q(resumes_on__gt=today)
    rhythms = list(
        Rhythm.objects.select_for_update().filter(not_ended, employee=employee, paused_on__isnull=False)
    )
    for rhythm in rhythms:
        if rhythm.paused_on >= today:  # never began: forget it
            rhythm.paused_on = rhythm.resumes_on = None
            rhythm.pause_reason = ""
        else:
            rhythm.resumes_on = today
    Rhythm.objects.bulk_update(rhythms, ["paused_on", "resumes_on", "pause_reason"])
    return len(rhythms)


@transaction.atomic
def calendar_feed_get_or_create(*, employee: Employee) -> CalendarFeed:
    """The employee's calendar subscription (created on first use)."""
    feed, _created = CalendarFeed.objects.get_or_create(employee=employee)
    return feed


@transaction.atomic
def calendar_feed_rotate(*, employee: Employee) -> CalendarFeed:
    """Give the feed a new secret: the old URL stops working at once (revocation)."""
    feed, created = CalendarFeed.objects.get_or_create(employee=employee)
    if not created:
        feed.token = new_feed_token()
        feed.save(update_fields=["token"])
    return feed
