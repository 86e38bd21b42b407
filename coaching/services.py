"""Every write of the coaching app. Views read input and call exactly one of these."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
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
    return len(missing)


def _ensure_rhythms_for(conversation: Conversation) -> None:
    rhythms_ensure(employees=[conversation.employee_id])
    if conversation.conversation_type.kind != ConversationType.Kind.FOLLOW_UP:
        rhythms_ensure(employees=[conversation.employee_id], conversation_type=conversation.conversation_type)


def _check_leader_may_run(leader: Employee, employee: Employee) -> None:
    if leader.role != Role.TEAM_LEADER or employee.team is None or employee.team.leader_id != leader.pk:
        raise PermissionDenied


def _book(conversation: Conversation, *, now: datetime.datetime) -> Conversation:
    """Save a new booking, make sure the person has their rhythms, and record the invitation as owed
    (the reminder sweep sends it)."""
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
    """Book a conversation the leader runs with one of their people; the employee gets an invitation
    (with an .ics) once the booking is committed. Past times are refused: log those instead."""
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
    return _book(conversation, now=now)


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
    """Record a conversation that already took place (held); its notes are written next.
    A held conversation cannot lie in the future."""
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
    _book(conversation, now=now)
    if topic:
        AgendaItem.objects.create(conversation=conversation, author=employee, text=topic)
    return conversation


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
    (calendar_sequence + 1) and the employee a new invitation."""
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


def _set_status(conversation: Conversation, status: str) -> Conversation:
    if not conversation.is_scheduled:
        raise ValidationError(_("This conversation is no longer scheduled."))
    conversation.status = status
    conversation.calendar_sequence += 1
    conversation.save()
    return conversation


@transaction.atomic
def conversation_cancel(*, conversation: Conversation) -> Conversation:
    """Cancel a scheduled conversation; the employee's calendar gets a cancellation."""
    conversation.invitation_changed_at = timezone.now()  # the view passes no time to a cancel yet
    return _set_status(conversation, Conversation.Status.CANCELLED)


@transaction.atomic
def conversation_mark_missed(*, conversation: Conversation) -> Conversation:
    """The employee did not come (or the slot was lost): it does not count for the rhythm."""
    return _set_status(conversation, Conversation.Status.MISSED)


@transaction.atomic
def conversation_mark_held(*, conversation: Conversation, now: datetime.datetime) -> Conversation:
    """The conversation took place: freeze the employee's latest key figures into it and ask the
    employee to read and confirm the summary. A conversation that has not started cannot be held."""
    if not conversation.is_scheduled:
        raise ValidationError(_("This conversation is no longer scheduled."))
    if conversation.scheduled_at > now:
        raise ValidationError(_("A conversation cannot be marked as held before it has started."))
    conversation.status = Conversation.Status.HELD
    conversation.held_at = now
    conversation.kpi_snapshot = kpi_snapshot_for(conversation.employee_id)
    if conversation.shared_notes.strip():  # nothing to confirm, nobody asked
        conversation.summary_requested_at = now
    conversation.full_clean()
    conversation.save()
    return conversation


@transaction.atomic
def conversation_notes_save(
    *,
    conversation: Conversation,
    author: Employee,
    shared_notes: str,
    wins: str,
    energy: int | None,
    workload: int | None,
    wellbeing_comment: str,
    private_note: str,
    answers: dict[str, str],
    scores: dict[str, int | None],
    interaction_reference: str = "",
    interaction_channel: str = "",
    interaction_on: datetime.date | None = None,
    action_item: dict | None = None,
) -> Conversation:
    """Save the leader's notes in one go: shared notes, wellbeing, wins, answers to the guiding
    questions, quality scores, their own private note (empty deletes it) and an optional new action
    item ({"text", "owner", "due_on"}). All or nothing."""
    conversation.shared_notes = shared_notes
    conversation.wins = wins
    conversation.energy = energy
    conversation.workload = workload
    conversation.wellbeing_comment = wellbeing_comment
    conversation.interaction_reference = interaction_reference
    conversation.interaction_channel = interaction_channel
    conversation.interaction_on = interaction_on
    conversation.full_clean()
    conversation.save()

    for question, answer in answers.items():
        if answer:
            GuidingAnswer.objects.update_or_create(
                conversation=conversation, question=question, defaults={"answer": answer}
            )
        else:
            GuidingAnswer.objects.filter(conversation=conversation, question=question).delete()
    for criterion, score in scores.items():
        if score:
            quality_score = QualityScore(conversation=conversation, criterion=criterion, score=score)
            quality_score.full_clean(validate_unique=False)
            QualityScore.objects.update_or_create(
                conversation=conversation, criterion=criterion, defaults={"score": score}
            )
        else:
            QualityScore.objects.filter(conversation=conversation, criterion=criterion).delete()

    own_notes = PrivateNote.objects.filter(conversation=conversation, author=author)
    if private_note.strip():
        note = own_notes.first() or PrivateNote(conversation=conversation, author=author)
        note.text = private_note
        note.full_clean()
        note.save()
    else:
        own_notes.delete()

    if action_item:
        action_item_add(conversation=conversation, **action_item)
    return conversation


@transaction.atomic
def conversation_confirm(
    *, conversation: Conversation, employee: Employee, comment: str, now: datetime.datetime
) -> Conversation:
    """The employee has read the summary of a held conversation and confirms it, optionally with a
    comment. Only the employee themself may confirm; confirming again updates the comment."""
    if conversation.employee_id != employee.pk:
        raise PermissionDenied
    if not conversation.is_held:
        raise ValidationError(_("Only a held conversation has a summary to confirm."))
    conversation.employee_comment = comment
    conversation.summary_confirmed_at = conversation.summary_confirmed_at or now
    conversation.full_clean()
    conversation.save(update_fields=["employee_comment", "summary_confirmed_at"])
    return conversation


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
        raise ValidationError({"action_owner": _("Choose who owns the action item.")})
    item = ActionItem(
        employee_id=conversation.employee_id, conversation=conversation, text=text, owner=owner, due_on=due_on
    )
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def action_item_set_done(*, action_item: ActionItem, done: bool, now: datetime.datetime) -> ActionItem:
    """Tick an action item off (done=True) or open it again. Safe to repeat."""
    if done and action_item.completed_at is None:
        action_item.completed_at = now
    elif not done:
        action_item.completed_at = None
    action_item.save(update_fields=["completed_at"])
    return action_item


@transaction.atomic
def action_item_drop(*, action_item: ActionItem, now: datetime.datetime) -> ActionItem:
    """The leader drops an item that no longer matters: it stops carrying over."""
    if action_item.dropped_at is None:
        action_item.dropped_at = now
        action_item.save(update_fields=["dropped_at"])
    return action_item


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
    if rhythm.pk is None:
        follow_up = Rhythm.objects.filter(
            employee=employee, conversation_type__kind=ConversationType.Kind.FOLLOW_UP
        ).first()
        if follow_up is not None:  # a pause covers every rhythm of the person
            rhythm.paused_on, rhythm.resumes_on = follow_up.paused_on, follow_up.resumes_on
            rhythm.pause_reason = follow_up.pause_reason
    rhythm.full_clean()
    rhythm.save()
    return rhythm


@transaction.atomic
def rhythm_pause(
    *, employee: Employee, paused_on: datetime.date, resumes_on: datetime.date | None, reason: str
) -> int:
    """Pause every rhythm of `employee` (parental leave, long sick leave, studies): while paused
    they are not overdue, and when they are back a welcome-back conversation is due. Returns the
    number of rhythms paused."""
    if resumes_on is not None and resumes_on <= paused_on:
        raise ValidationError({"resumes_on": _("The return date must be after the start of the pause.")})
    rhythms_ensure(employees=[employee.pk])
    rhythms = list(Rhythm.objects.filter(employee=employee))
    for rhythm in rhythms:
        rhythm.paused_on, rhythm.resumes_on, rhythm.pause_reason = paused_on, resumes_on, reason
        rhythm.full_clean()
    Rhythm.objects.bulk_update(rhythms, ["paused_on", "resumes_on", "pause_reason"])
    return len(rhythms)


@transaction.atomic
def rhythm_resume(*, employee: Employee, today: datetime.date) -> int:
    """End the pause of `employee` today (or cancel one that has not begun): a welcome-back
    conversation is then due. Returns the number of rhythms changed."""
    rhythms = list(Rhythm.objects.filter(employee=employee, paused_on__isnull=False))
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
