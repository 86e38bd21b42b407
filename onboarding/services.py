"""Every write of the checklist half of the onboarding app: starting an onboarding, ticking, reopening
and setting aside its tasks, adding one, floor notes and putting one on a conversation's agenda.
Views read input and call exactly one of these.

Task transitions lock the onboarding's row first: the decision "no open task is left, so the onboarding
is complete" reads every task of it, so two ticks of its last two tasks must queue, not both miss it.
"""

import datetime
import zoneinfo

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname

from coaching.models import Conversation, ConversationType
from coaching.services import agenda_item_add, conversation_schedule
from onboarding.models import (
    OFFSET_LIMIT_DAYS,
    ChecklistTemplate,
    DayCount,
    FloorNote,
    Onboarding,
    OnboardingTask,
    Phase,
)
from onboarding.selectors import notable_people
from people.models import Employee

# A start date may lie this far back (an onboarding entered late) or ahead; beyond that it is a typo.
START_LIMIT_DAYS = 365
CHECK_IN_TIME = datetime.time(10, 0)  # check-ins are booked mid-morning on their due date
CHECK_IN_MINUTES = 30
TRANSLATED_TASK_FIELDS = ("title", "description")


def languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def due_on(starts_on: datetime.date, offset_days: int, day_count: str) -> datetime.date:
    """The date `offset_days` from `starts_on` (negative: before it), counted in calendar days or in
    working days (Monday to Friday; a working-day count lands on a weekday)."""
    if day_count != DayCount.WORKING:
        return starts_on + datetime.timedelta(days=offset_days)
    day, step, left = starts_on, (1 if offset_days >= 0 else -1), abs(offset_days)
    while left:
        day += datetime.timedelta(days=step)
        if day.weekday() < 5:
            left -= 1
    return day


def check_start_date(starts_on: datetime.date, today: datetime.date) -> None:
    """Refuse a start date more than a year away from today (a mistyped year)."""
    if abs((starts_on - today).days) > START_LIMIT_DAYS:
        raise ValidationError(
            {"starts_on": _("The start date must lie within a year of today. Check the year.")}
        )


def _translated_copy(source, fields=TRANSLATED_TASK_FIELDS) -> dict:
    """Every language column of `fields` of `source`, so the copy reads the same in every language."""
    return {
        build_localized_fieldname(name, code): getattr(source, build_localized_fieldname(name, code))
        for name in fields
        for code in languages()
    }


def _same_in_every_language(**texts) -> dict:
    """Text a person typed, stored in every language column (it has no translation)."""
    return {
        build_localized_fieldname(name, code): text for name, text in texts.items() for code in languages()
    }


def onboarding_start(
    *,
    employee: Employee,
    template: ChecklistTemplate,
    starts_on: datetime.date,
    kind: str = Onboarding.Kind.NEW_HIRE,
    trainer: Employee | None = None,
    floor_walker: Employee | None = None,
    hr_contact: Employee | None = None,
    it_contact: Employee | None = None,
    started_by,
    now: datetime.datetime,
) -> Onboarding:
    """Start `employee`'s onboarding from `template`: its tasks are copied (every language) with real
    due dates and assignees, and its check-ins are booked as conversations with the team leader (those
    still ahead; a check-in already past stays a task for the leader to book). The team leader is the
    leader of the person's team.

    One running onboarding per person: a second start (two clicks, two HR partners at once) raises a
    ValidationError and saves nothing. The caller checks that `started_by` may see the person."""
    today = timezone.localdate(now, zoneinfo.ZoneInfo(employee.site.time_zone))
    check_start_date(starts_on, today)
    with transaction.atomic():
        # The person's row is the lock two starts for them queue on; the constraint is the backstop.
        employee = (
            Employee.objects.select_for_update(of=("self",))
            .select_related("team", "site")
            .get(pk=employee.pk)
        )
        if Onboarding.objects.running().filter(employee=employee).exists():
            raise _already_running(employee)
        leader_id = employee.team.leader_id if employee.team is not None else None
        if leader_id is None:
            raise ValidationError(
                {
                    "employee": _("%(name)s has no team leader yet. Place them in a team first.")
                    % {"name": employee}
                }
            )
        template_tasks = list(template.tasks.select_related("check_in_type").order_by("position", "pk"))
        if not template_tasks:
            raise ValidationError(
                {
                    "template": _(
                        "This template has no tasks yet. Add tasks to it before starting an onboarding."
                    )
                }
            )
        onboarding = Onboarding(
            employee=employee,
            template=template,
            kind=kind,
            starts_on=starts_on,
            leader_id=leader_id,
            trainer=trainer,
            floor_walker=floor_walker,
            hr_contact=hr_contact,
            it_contact=it_contact,
            started_by=started_by,
        )
        onboarding.full_clean(validate_constraints=False)
        try:
            with transaction.atomic():
                onboarding.save()
        except IntegrityError:
            raise _already_running(employee) from None
        tasks = onboarding_tasks_from(onboarding, template_tasks)
        OnboardingTask.objects.bulk_create(tasks)
        for task, source in zip(tasks, template_tasks, strict=True):
            if source.check_in_type is not None:
                _book_check_in(onboarding, task, source.check_in_type, now)
    return onboarding


def onboarding_tasks_from(onboarding: Onboarding, template_tasks) -> list[OnboardingTask]:
    """Unsaved copies of `template_tasks` (in order) for `onboarding`: every language, real due dates
    and assignees. Used by onboarding_start and by the demo's onboardings."""
    return [
        OnboardingTask(
            onboarding=onboarding,
            position=position,
            phase=source.phase,
            responsible=source.responsible,
            assignee=onboarding.assignee_for(source.responsible),
            due_on=due_on(onboarding.starts_on, source.offset_days, source.day_count),
            is_compliance=source.is_compliance,
            **_translated_copy(source),
        )
        for position, source in enumerate(template_tasks)
    ]


def check_in_at(task: OnboardingTask, zone: zoneinfo.ZoneInfo) -> datetime.datetime:
    """When the check-in conversation of `task` is booked: mid-morning on its due date, in `zone`
    (the new hire's site)."""
    return datetime.datetime.combine(task.due_on, CHECK_IN_TIME, tzinfo=zone)


def _already_running(employee) -> ValidationError:
    return ValidationError(
        {"employee": _("%(name)s already has an onboarding running.") % {"name": employee}}
    )


def _book_check_in(onboarding, task, conversation_type: ConversationType, now) -> None:
    """Book the check-in conversation of `task` on its due date, through coaching's own booking."""
    scheduled_at = check_in_at(task, zoneinfo.ZoneInfo(onboarding.employee.site.time_zone))
    if scheduled_at < now:
        return
    conversation = conversation_schedule(
        leader=onboarding.leader,
        employee=onboarding.employee,
        conversation_type=conversation_type,
        scheduled_at=scheduled_at,
        duration_minutes=CHECK_IN_MINUTES,
        now=now,
    )
    OnboardingTask.objects.filter(pk=task.pk).update(conversation=conversation)


def _lock_onboarding(task: OnboardingTask) -> Onboarding:
    onboarding = Onboarding.objects.select_for_update().get(pk=task.onboarding_id)
    if onboarding.status == Onboarding.Status.CANCELLED:
        raise ValidationError(_("This onboarding was cancelled; its tasks no longer change."))
    return onboarding


def _settle_status(onboarding: Onboarding, now: datetime.datetime) -> None:
    """Complete a running onboarding with no open task left; run a completed one again that has one
    (a task reopened). The caller holds the onboarding's lock."""
    has_open = OnboardingTask.objects.open().filter(onboarding=onboarding).exists()
    if onboarding.status == Onboarding.Status.RUNNING and not has_open:
        Onboarding.objects.filter(pk=onboarding.pk).update(
            status=Onboarding.Status.COMPLETED, completed_at=now
        )
    elif onboarding.status == Onboarding.Status.COMPLETED and has_open:
        if Onboarding.objects.running().filter(employee_id=onboarding.employee_id).exists():
            raise ValidationError(
                _("A newer onboarding of this person is running; change its tasks instead.")
            )
        Onboarding.objects.filter(pk=onboarding.pk).update(
            status=Onboarding.Status.RUNNING, completed_at=None
        )


def onboarding_task_tick(*, task: OnboardingTask, by, comment: str = "", now: datetime.datetime) -> bool:
    """Tick an open task off, recording who and when (and an optional comment). Safe to repeat: False
    if it was already done or set aside (the first tick stays). The last open task completes the
    onboarding."""
    with transaction.atomic():
        onboarding = _lock_onboarding(task)
        changes = {"completed_at": now, "completed_by": by}
        if comment:
            changes["comment"] = comment
        ticked = OnboardingTask.objects.open().filter(pk=task.pk).update(**changes)
        if ticked:
            _settle_status(onboarding, now)
    return bool(ticked)


def onboarding_task_reopen(*, task: OnboardingTask, now: datetime.datetime) -> bool:
    """Open a done or not-applicable task again (who ticked it and why it was set aside are cleared).
    Safe to repeat: False if it was open. A completed onboarding runs again."""
    with transaction.atomic():
        onboarding = _lock_onboarding(task)
        closed = OnboardingTask.objects.filter(pk=task.pk).exclude(
            completed_at__isnull=True, not_applicable_at__isnull=True
        )
        reopened = closed.update(
            completed_at=None, completed_by=None, not_applicable_at=None, not_applicable_reason=""
        )
        if reopened:
            _settle_status(onboarding, now)
    return bool(reopened)


def onboarding_task_set_aside(*, task: OnboardingTask, reason: str, now: datetime.datetime) -> bool:
    """Mark an open task not applicable, with the reason why (required). Safe to repeat: False if it
    was already done or set aside."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the task does not apply.")})
    with transaction.atomic():
        onboarding = _lock_onboarding(task)
        set_aside = (
            OnboardingTask.objects.open()
            .filter(pk=task.pk)
            .update(not_applicable_at=now, not_applicable_reason=reason[:300])
        )
        if set_aside:
            _settle_status(onboarding, now)
    return bool(set_aside)


def onboarding_task_add(
    *,
    onboarding: Onboarding,
    title: str,
    description: str = "",
    responsible: str,
    due_on: datetime.date,
    phase: str = Phase.FIRST_90_DAYS,
    now: datetime.datetime,
) -> OnboardingTask:
    """Add a task to a running onboarding (ad hoc, as the weeks show what is missing). Its texts are
    what the leader typed, in every language."""
    if abs((due_on - onboarding.starts_on).days) > OFFSET_LIMIT_DAYS:
        raise ValidationError({"due_on": _("The due date must lie within a year of the start date.")})
    with transaction.atomic():
        onboarding = Onboarding.objects.select_for_update().get(pk=onboarding.pk)
        if onboarding.status != Onboarding.Status.RUNNING:
            raise ValidationError(_("Tasks can only be added while the onboarding runs."))
        last = onboarding.tasks.order_by("-position").values_list("position", flat=True).first()
        task = OnboardingTask(
            onboarding=onboarding,
            position=(last or 0) + 1,
            phase=phase,
            responsible=responsible,
            assignee=onboarding.assignee_for(responsible),
            due_on=due_on,
            is_ad_hoc=True,
            **_same_in_every_language(title=title, description=description),
        )
        task.full_clean()
        task.save()
    return task


@transaction.atomic
def checklist_template_save(*, form, tasks) -> ChecklistTemplate:
    """Save a template and its task formset together (all or nothing), from forms already valid.
    Onboardings already running keep the copies of the tasks they started with."""
    template = form.save()
    tasks.instance = template
    tasks.save()
    return template


def may_note_about(author: Employee, employee: Employee) -> bool:
    """Whether `author` may write a floor note about `employee`: a team leader about their team, anyone
    about a new hire one of whose running onboarding tasks they hold (trainer, floor walker)."""
    return notable_people(author).filter(pk=employee.pk).exists()


@transaction.atomic
def floor_note_add(
    *, author: Employee, employee: Employee, text: str, reference: str = "", now: datetime.datetime
) -> FloorNote:
    """Jot a short observation about a person the author may note (PermissionDenied otherwise)."""
    if not may_note_about(author, employee):
        raise PermissionDenied
    note = FloorNote(
        employee=employee, author=author, text=text.strip(), reference=reference.strip(), created_at=now
    )
    note.full_clean()
    note.save()
    return note


def floor_note_to_agenda(*, note: FloorNote, conversation: Conversation, by: Employee) -> bool:
    """Put a floor note on the agenda of the person's scheduled conversation, as an agenda item by the
    leader (from then on the person reads it there). Safe to repeat: False if it is already on an
    agenda. Only the conversation's leader (or the person's team leader) may do it."""
    if note.employee_id != conversation.employee_id or not conversation.can_be_changed_by(by):
        raise PermissionDenied
    with transaction.atomic():
        note = FloorNote.objects.select_for_update().get(pk=note.pk)
        if note.agenda_item_id is not None:
            return False
        text = note.text if not note.reference else f"{note.text} ({note.reference})"
        note.agenda_item = agenda_item_add(conversation=conversation, author=by, text=text)
        note.save(update_fields=["agenda_item"])
    return True
