"""Read-side helpers of the checklist half of the onboarding app. Callers pass rows or querysets they
reached through `visible_to()`; every function runs a constant number of queries."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from coaching.models import Conversation
from onboarding.models import FloorNote, Onboarding, OnboardingTask, Phase
from people.models import Employee, Role

OPEN = Q(completed_at__isnull=True, not_applicable_at__isnull=True)


@dataclass(frozen=True)
class Progress:
    """Where an onboarding stands: tasks done (or set aside) out of all, and how many are overdue."""

    done: int
    total: int
    overdue: int = 0

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 100


def with_progress(onboardings: QuerySet[Onboarding], today: datetime.date) -> QuerySet[Onboarding]:
    """Annotate each onboarding with `task_total`, `task_done` and `task_overdue`, counted in SQL."""
    tasks = OnboardingTask.objects.filter(onboarding=OuterRef("pk")).order_by().values("onboarding")

    def count(condition):
        return Coalesce(
            Subquery(
                tasks.filter(condition).annotate(n=Count("pk")).values("n"), output_field=IntegerField()
            ),
            0,
        )

    return onboardings.annotate(
        task_total=count(Q()),
        task_done=count(~OPEN),
        task_overdue=count(OPEN & Q(due_on__lt=today)),
    )


def progress_of(onboarding: Onboarding) -> Progress:
    """The progress of an onboarding annotated by `with_progress` (no query)."""
    return Progress(done=onboarding.task_done, total=onboarding.task_total, overdue=onboarding.task_overdue)


def onboarding_progress_by_employee(
    employee_ids, today: datetime.date
) -> dict[int, tuple[Onboarding, Progress]]:
    """The running onboarding of each of `employee_ids` with its progress, in one query (the leader
    dashboard's onboarding column)."""
    running = with_progress(Onboarding.objects.running().filter(employee_id__in=employee_ids), today)
    return {onboarding.employee_id: (onboarding, progress_of(onboarding)) for onboarding in running}


def tasks_by_phase(tasks) -> list[tuple[str, list[OnboardingTask]]]:
    """`tasks` grouped by phase in the phases' order, empty phases left out (no query)."""
    groups = {phase: [] for phase in Phase.values}
    for task in tasks:
        groups[task.phase].append(task)
    labels = dict(Phase.choices)
    return [(labels[phase], items) for phase, items in groups.items() if items]


def task_rows(onboarding: Onboarding):
    """The tasks of one onboarding with their assignee and who ticked them: one query."""
    return onboarding.tasks.select_related("assignee__user", "completed_by", "conversation").order_by(
        "due_on", "position", "pk"
    )


def may_manage(user, onboarding: Onboarding) -> bool:
    """Whether `user` may change any task of `onboarding`, add one or set one aside: HR, an
    administrator, or the person's team leader. Needs `onboarding.employee.team` loaded (no query)."""
    if user.is_superuser:
        return True
    viewer = getattr(user, "employee", None)
    if viewer is None:
        return False
    if viewer.role == Role.HR:
        return True
    team = onboarding.employee.team
    return viewer.role == Role.TEAM_LEADER and team is not None and team.leader_id == viewer.pk


def may_tick(user, task: OnboardingTask) -> bool:
    """The task's assignee ticks it; so do those who manage the onboarding."""
    viewer = getattr(user, "employee", None)
    return (viewer is not None and task.assignee_id == viewer.pk) or may_manage(user, task.onboarding)


def notable_people(author: Employee) -> QuerySet[Employee]:
    """Whom `author` may write floor notes about: a team leader their team's members; anyone the new
    hires of running onboardings in which they are trainer, floor walker or hold a task."""
    assigned = Onboarding.objects.running().filter(
        Q(trainer=author) | Q(floor_walker=author) | Q(tasks__assignee=author)
    )
    allowed = Q(pk__in=assigned.values("employee_id"))
    if author.role == Role.TEAM_LEADER:
        allowed |= Q(team__leader=author)
    return Employee.objects.active().filter(allowed).exclude(pk=author.pk)


def last_held_at(employee_id: int) -> datetime.datetime | None:
    """When the person's latest held conversation (of any type) took place."""
    return (
        Conversation.objects.held()
        .filter(employee_id=employee_id)
        .order_by("-scheduled_at")
        .values_list("scheduled_at", flat=True)
        .first()
    )


def floor_notes_since_last_conversation(user, conversation: Conversation) -> QuerySet[FloorNote]:
    """The floor notes `user` may read about the conversation's person, written since their last held
    conversation (all of them when they never had one), newest first."""
    since = (
        Conversation.objects.held()
        .filter(employee_id=conversation.employee_id, scheduled_at__lt=conversation.scheduled_at)
        .order_by("-scheduled_at")
        .values("scheduled_at")[:1]
    )
    notes = FloorNote.objects.visible_to(user).filter(employee_id=conversation.employee_id)
    return (
        notes.annotate(has_earlier=Exists(since))
        .filter(Q(has_earlier=False) | Q(created_at__gt=Subquery(since)))
        .select_related("author__user")
    )


def site_progress(onboardings: QuerySet[Onboarding], today: datetime.date):
    """Running onboardings of `onboardings` (scoped) per site: how many, their tasks done and overdue,
    aggregated in one query. (From the onboarding side: modeltranslation's task queryset would group
    `values()` by every column.)"""
    task_open = Q(tasks__completed_at__isnull=True, tasks__not_applicable_at__isnull=True)
    return (
        onboardings.running()
        .values("employee__site", "employee__site__name")
        .annotate(
            onboardings=Count("pk", distinct=True),
            total=Count("tasks"),
            done=Count("tasks", filter=~task_open),
            overdue=Count("tasks", filter=task_open & Q(tasks__due_on__lt=today)),
        )
        .order_by("employee__site__name")
    )
