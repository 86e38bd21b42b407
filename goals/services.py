"""Writes of the goals app: expectations and acknowledgements, the goal lifecycle, check-ins."""

from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from goals.models import (
    Acknowledgement,
    CheckIn,
    Expectation,
    ExpectationVersion,
    Goal,
    KpiMeasurement,
    Metric,
)
from people.models import Employee, Site, Team

EMPLOYEE_SIDE = "employee"
LEADER_SIDE = "leader"


# Expectations -------------------------------------------------------------------------------------


@transaction.atomic
def expectation_create(
    *,
    author: Employee | None,
    scope: str,
    title: str,
    text: str,
    site: Site | None = None,
    team: Team | None = None,
    now: datetime | None = None,
) -> Expectation:
    """Write a new expectation and its version 1. The caller has checked that `author` may write it."""
    now = now or timezone.now()
    expectation = Expectation(
        scope=scope,
        site=site if scope == Expectation.Scope.SITE else None,
        team=team if scope == Expectation.Scope.TEAM else None,
        title=title,
        text=text,
        created_by=author,
        created_at=now,
        updated_at=now,
    )
    expectation.full_clean()
    expectation.save()
    _new_version(expectation, author=author, now=now)
    return expectation


@transaction.atomic
def expectation_update(
    *,
    expectation: Expectation,
    author: Employee | None,
    title: str,
    text: str,
    based_on: int | None = None,
    now: datetime | None = None,
) -> bool:
    """Publish a new wording as the next version, which everyone must acknowledge again. Returns False
    (and changes nothing) when title and text are unchanged, so a repeated save makes no new version.

    `based_on` is the version number the writer edited: when someone else published a newer one in the
    meantime, ValidationError instead of silently replacing their wording. The expectation's row is
    locked, so two saves at once make versions n+1 and n+2, never the same number twice."""
    stored = Expectation.objects.select_for_update().get(pk=expectation.pk)
    expectation.current_version_id = stored.current_version_id
    if based_on is not None and stored.version_number != based_on:
        raise ValidationError(
            _("Someone published a newer version while you were editing. Read it and make your change again.")
        )
    if stored.title == title and stored.text == text:
        return False
    now = now or timezone.now()
    expectation.title = title
    expectation.text = text
    expectation.updated_at = now
    expectation.full_clean()
    _new_version(expectation, author=author, now=now)
    return True


def _new_version(expectation, *, author, now):
    number = expectation.version_number + 1
    version = ExpectationVersion(
        expectation=expectation,
        number=number,
        title=expectation.title,
        text=expectation.text,
        created_by=author,
        created_at=now,
    )
    version.full_clean()
    version.save()
    expectation.current_version = version
    expectation.save()
    return version


@transaction.atomic
def expectation_set_active(*, expectation: Expectation, is_active: bool) -> Expectation:
    """Archive an expectation (nobody needs to acknowledge it any more) or bring it back."""
    expectation.is_active = is_active
    expectation.save(update_fields=["is_active"])
    return expectation


@transaction.atomic
def acknowledgement_record(
    *,
    employee: Employee,
    expectation: Expectation,
    version_id: int | None = None,
    comment: str = "",
    now: datetime | None = None,
) -> Acknowledgement:
    """ "I have read and understood" the version `version_id` (the one the page showed; by default the
    current one). Raises ValidationError when a newer version was published since: the employee has
    not read it. Safe to repeat, also at the same moment: the unique (employee, version) row is the
    guard, and a second acknowledgement only adds a new comment to the first one."""
    if not Expectation.objects.active().applicable_to(employee).filter(pk=expectation.pk).exists():
        raise ValidationError(_("This expectation does not apply to you."))
    current = Expectation.objects.filter(pk=expectation.pk).values_list("current_version_id", flat=True).get()
    if version_id is not None and version_id != current:
        raise ValidationError(
            _("A new version was published while you were reading. Read it, then acknowledge.")
        )
    acknowledgement, created = Acknowledgement.objects.get_or_create(
        employee=employee,
        version_id=current,
        defaults={"comment": comment, "acknowledged_at": now or timezone.now()},
    )
    if not created and comment and comment not in acknowledgement.comment:
        acknowledgement = Acknowledgement.objects.select_for_update().get(pk=acknowledgement.pk)
        acknowledgement.comment = "\n\n".join(filter(None, [acknowledgement.comment, comment]))
        acknowledgement.save(update_fields=["comment"])
    return acknowledgement


# Goals --------------------------------------------------------------------------------------------


def goal_side(*, goal: Goal, by: Employee | None) -> str | None:
    """Which side `by` takes on `goal`: the employee themself, their leader (whoever may edit the
    employee: their team leader, or HR), or None (read only, e.g. a site manager or a login
    without an employee record)."""
    if by is None:
        return None
    if by.pk == goal.employee_id:
        return EMPLOYEE_SIDE
    if Employee.objects.visible_to(by.user, for_edit=True).filter(pk=goal.employee_id).exists():
        return LEADER_SIDE
    return None


def _require_side(goal, by) -> str:
    side = goal_side(goal=goal, by=by)
    if side is None:
        raise PermissionDenied
    return side


def _record_agreement(goal, side, by, now):
    if side == EMPLOYEE_SIDE:
        goal.employee_agreed_at, goal.employee_agreed_by = now, by
    else:
        goal.leader_agreed_at, goal.leader_agreed_by = now, by
    if goal.employee_agreed_at and goal.leader_agreed_at:
        goal.status = Goal.Status.AGREED


def _clear_agreements(goal):
    goal.employee_agreed_at = goal.employee_agreed_by = None
    goal.leader_agreed_at = goal.leader_agreed_by = None


def _save(goal, by, reason=""):
    goal._change_reason = reason or None
    goal.full_clean()
    goal.save()
    return goal


@transaction.atomic
def goal_create(
    *,
    employee: Employee,
    by: Employee,
    kind: str,
    title: str,
    starts_on: date,
    due_on: date,
    description: str = "",
    why_it_matters: str = "",
    metric: Metric | None = None,
    baseline: Decimal | None = None,
    target: Decimal | None = None,
    expectation: Expectation | None = None,
    propose: bool = True,
    now: datetime | None = None,
) -> Goal:
    """A new goal for `employee`, written by them or their leader. Proposed (with the author's side
    already agreed) or kept as a draft. Raises PermissionDenied when `by` may not write it."""
    now = now or timezone.now()
    goal = Goal(
        employee=employee,
        kind=kind,
        title=title,
        description=description,
        why_it_matters=why_it_matters,
        metric=metric if kind == Goal.Kind.KPI else None,
        baseline=baseline if kind == Goal.Kind.KPI else None,
        target=target if kind == Goal.Kind.KPI else None,
        starts_on=starts_on,
        due_on=due_on,
        expectation=expectation,
        created_by=by,
        created_at=now,
    )
    side = _require_side(goal, by)
    if propose:
        goal.status = Goal.Status.PROPOSED
        _record_agreement(goal, side, by, now)
    return _save(goal, by)


def _lock(goal: Goal) -> Goal:
    """Lock the goal's row until the transaction ends and bring `goal` up to date with it, so that
    the transition is decided on what is stored now (another tab, the other side) rather than on
    what the page showed. A second request for the same goal waits here for the first to commit."""
    stored = Goal.objects.select_for_update().get(pk=goal.pk)
    for field in Goal._meta.concrete_fields:
        setattr(goal, field.attname, getattr(stored, field.attname))
    return goal


def _agreed_by(goal, side) -> bool:
    return (goal.employee_agreed_at if side == EMPLOYEE_SIDE else goal.leader_agreed_at) is not None


@transaction.atomic
def goal_update(*, goal: Goal, by: Employee, data: dict, now: datetime | None = None) -> Goal:
    """Change an open goal. Changing the terms (kind, metric, baseline, target or period) of an agreed
    goal sends it back to proposed; any change to a proposed goal needs the other side's agreement
    again. The editor's own side counts as agreed. Closed goals cannot be changed."""
    now = now or timezone.now()
    side = _require_side(goal, by)
    _lock(goal)
    if not goal.is_open:
        raise ValidationError(_("A goal with an outcome can no longer be changed."))
    if data.get("kind", goal.kind) != Goal.Kind.KPI:
        data = {**data, "metric": None, "baseline": None, "target": None}
    changed = {name for name, value in data.items() if getattr(goal, name) != value}
    if not changed:
        return goal
    for name in changed:
        setattr(goal, name, data[name])
    reason = ""
    if goal.status == Goal.Status.AGREED and changed & set(Goal.TERMS):
        goal.status = Goal.Status.PROPOSED
        reason = _("Terms changed: a new agreement is needed.")
    if goal.status == Goal.Status.PROPOSED:
        _clear_agreements(goal)
        _record_agreement(goal, side, by, now)
    return _save(goal, by, reason)


@transaction.atomic
def goal_propose(*, goal: Goal, by: Employee, now: datetime | None = None) -> Goal:
    """Draft → proposed: share a draft with the other side; the proposer's side counts as agreed.
    Raises ValidationError when the goal is no longer a draft (a second click)."""
    side = _require_side(goal, by)
    _lock(goal)
    if goal.status != Goal.Status.DRAFT:
        raise ValidationError(_("Only a draft can be proposed."))
    goal.status = Goal.Status.PROPOSED
    _record_agreement(goal, side, by, now or timezone.now())
    return _save(goal, by)


@transaction.atomic
def goal_agree(*, goal: Goal, by: Employee, now: datetime | None = None) -> Goal:
    """Draft or proposed → proposed, or agreed once both sides have agreed: records `by`'s side.
    The decision reads both sides' agreements, so the row is locked: the employee and the leader
    agreeing at the same moment are both recorded and the goal ends agreed. A repeat returns quietly."""
    side = _require_side(goal, by)
    _lock(goal)
    if goal.status not in (Goal.Status.DRAFT, Goal.Status.PROPOSED):
        if goal.status == Goal.Status.AGREED:
            return goal  # both sides agreed already: nothing to record
        raise ValidationError(_("Only a proposed goal can be agreed to."))
    if goal.status == Goal.Status.PROPOSED and _agreed_by(goal, side):
        return goal
    goal.status = Goal.Status.PROPOSED
    _record_agreement(goal, side, by, now or timezone.now())
    return _save(goal, by)


@transaction.atomic
def goal_decide(
    *, goal: Goal, by: Employee, outcome: str, note: str = "", now: datetime | None = None
) -> Goal:
    """Agreed → achieved or not achieved, or any open state → dropped. Only the leader's side (team
    leader or HR) decides; an employee may ask for an outcome with goal_request_outcome(). Raises
    ValidationError when the goal already has an outcome (a second click decides nothing)."""
    if _require_side(goal, by) != LEADER_SIDE:
        raise PermissionDenied
    if outcome not in Goal.OUTCOMES:
        raise ValidationError(_("Choose achieved, not achieved or dropped."))
    _lock(goal)
    if not goal.is_open:
        raise ValidationError(_("This goal already has an outcome."))
    if outcome != Goal.Status.DROPPED and goal.status != Goal.Status.AGREED:
        raise ValidationError(_("Only an agreed goal can be achieved or not achieved; drop it instead."))
    goal.status = outcome
    goal.outcome_note = note
    goal.requested_outcome = ""
    goal.decided_at, goal.decided_by = now or timezone.now(), by
    return _save(goal, by)


@transaction.atomic
def goal_request_outcome(*, goal: Goal, by: Employee, outcome: str, note: str = "") -> Goal:
    """The employee asks their leader to close an open goal with `outcome`; the leader decides."""
    if _require_side(goal, by) != EMPLOYEE_SIDE:
        raise PermissionDenied
    _lock(goal)
    if outcome not in Goal.OUTCOMES or not goal.is_open:
        raise ValidationError(_("This goal cannot be closed."))
    goal.requested_outcome = outcome
    goal.outcome_note = note
    return _save(goal, by)


@transaction.atomic
def goals_propose_to_many(
    *,
    by: Employee,
    employees,
    kind: str,
    title: str,
    starts_on: date,
    due_on: date,
    description: str = "",
    metric: Metric | None = None,
    baseline: Decimal | None = None,
    target: Decimal | None = None,
    expectation: Expectation | None = None,
    now: datetime | None = None,
) -> list[Goal]:
    """Propose the same goal to each of `employees` (already limited to those `by` may edit); each
    becomes that person's own proposed goal. A KPI goal without a baseline takes each person's latest
    measured value of the metric. All or nothing; constant number of queries."""
    now = now or timezone.now()
    employees = list(employees)
    latest = {}
    if kind == Goal.Kind.KPI and baseline is None and metric is not None:
        for employee_id, value in (
            KpiMeasurement.objects.filter(employee__in=employees, metric=metric, period_end__lte=starts_on)
            .order_by("employee_id", "period_end")
            .values_list("employee_id", "value")
        ):
            latest[employee_id] = value  # ordered by date: the last one wins
    goals = []
    for employee in employees:
        goal = Goal(
            employee=employee,
            kind=kind,
            title=title,
            description=description,
            metric=metric if kind == Goal.Kind.KPI else None,
            baseline=(baseline if baseline is not None else latest.get(employee.pk))
            if kind == Goal.Kind.KPI
            else None,
            target=target if kind == Goal.Kind.KPI else None,
            starts_on=starts_on,
            due_on=due_on,
            expectation=expectation,
            status=Goal.Status.PROPOSED,
            created_by=by,
            created_at=now,
            leader_agreed_at=now,
            leader_agreed_by=by,
        )
        # Validate fields and rules in Python: per-row FK and constraint queries would make this O(n).
        goal.full_clean(
            exclude=["employee", "metric", "expectation", "created_by", "leader_agreed_by"],
            validate_constraints=False,
        )
        goals.append(goal)
    return bulk_create_with_history(goals, Goal, default_user=by.user, default_date=now)


# Check-ins ----------------------------------------------------------------------------------------


@transaction.atomic
def check_in_add(
    *,
    goal: Goal,
    author: Employee,
    checked_on: date,
    value: Decimal | None = None,
    status: str = "",
    percent_complete: int | None = None,
    comment: str = "",
) -> CheckIn:
    """Record progress on an agreed goal, by the employee or their leader."""
    _require_side(goal, author)
    if goal.status != Goal.Status.AGREED:
        raise ValidationError(_("Progress is recorded on agreed goals only."))
    if goal.is_kpi and value is None:
        raise ValidationError({"value": _("Enter the value reached.")})
    if not goal.is_kpi and not status:
        raise ValidationError({"status": _("Choose how it is going.")})
    check_in = CheckIn(
        goal=goal,
        author=author,
        checked_on=checked_on,
        value=value if goal.is_kpi else None,
        status=status,
        percent_complete=None if goal.is_kpi else percent_complete,
        comment=comment,
    )
    check_in.full_clean()
    check_in.save()
    return check_in
