"""The kinds whose due query was rewritten so that a steady sweep reads less (issue 14) find the same
reminders as the queries they replace: each old query is kept here as it was, and both run on an
organisation with something at every edge of each rule, at several moments of a day, before and
after a first sweep has recorded what was due."""

import datetime
import zoneinfo
from datetime import timedelta

import pytest
import time_machine
from django.db import models
from django.db.models import Exists, F, OuterRef, Q, Value
from django.utils import timezone

from coaching.models import ActionItem, Rhythm
from goals.models import Acknowledgement, Expectation, ExpectationVersion
from onboarding.models import TrainingCompletion
from onboarding.trainings import applies, local_dates, requirements_in_force
from people.models import Employee
from reminders import kinds
from reminders.kinds.expectation_unacknowledged import GRACE
from reminders.kinds.training_expiring import WINDOW as TRAINING_WINDOW
from reminders.rule import Due, shift_start
from reminders.services import reminder_sweep
from tests.coaching.factories import ActionItemFactory, HeldConversationFactory, RhythmFactory
from tests.factories import AgentFactory, TeamFactory
from tests.goals.factories import acknowledge, make_expectation
from tests.onboarding.training_helpers import completed, expiring_in

pytestmark = pytest.mark.clock

STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")
MONDAY = datetime.datetime(2027, 3, 29, 12, 0, tzinfo=STOCKHOLM)  # the day after the spring switch
MOMENTS = [
    MONDAY.replace(hour=7, minute=59),  # before the day shift starts
    MONDAY.replace(hour=8),
    MONDAY.replace(hour=16),  # the evening shift has started
    MONDAY.replace(hour=23, minute=30),  # the night shift has started
    MONDAY.replace(hour=23, minute=30).astimezone(datetime.UTC) + timedelta(hours=1),  # Tuesday here
]


# The queries as they were before issue 14 --------------------------------------------------------


def old_action_item_due(kind, now):
    today = timezone.localdate(now)
    due = (
        ActionItem.objects.open()
        .due_by(today + timedelta(days=1))
        .filter(due_on__gte=today - timedelta(days=7))
        .filter(~kind.recorded(since="due_on"))
        .order_by()
        .values_list(
            "pk",
            "owner",
            "due_on",
            "employee_id",
            "employee__site__time_zone",
            "employee__shift",
            "conversation__leader_id",
            "conversation__leader__site__time_zone",
            "conversation__leader__shift",
        )
    )
    rows = []
    for pk, owner, due_on, *people in due:
        recipient_id, zone, shift = people[:3] if owner == ActionItem.Owner.EMPLOYEE else people[3:]
        start = shift_start(due_on, zone, shift)
        rows.append(Due(pk, recipient_id, start, start))
    return rows


def old_follow_up_overdue(kind, now):
    overdue = (
        Rhythm.objects.overdue(timezone.localdate(now))
        .filter(employee__in=Employee.objects.active(), employee__team__leader__isnull=False)
        .filter(~kind.recorded(recipient_id="employee__team__leader_id", since="next_due_on"))
        .order_by()
        .values_list(
            "pk",
            "employee__team__leader_id",
            "next_due_on",
            "employee__team__leader__site__time_zone",
            "employee__team__leader__shift",
        )
    )
    return [
        Due(pk, leader_id, start, start)
        for pk, leader_id, due_on, zone, shift in overdue
        for start in [shift_start(due_on + timedelta(days=1), zone, shift)]
    ]


def old_expiring_completions(now):
    dates = local_dates(now).values()
    applicable = Q(pk__in=[])
    for requirement in requirements_in_force():
        applicable |= Q(requirement_id=requirement.pk) & applies(requirement, prefix="employee__")
    later = TrainingCompletion.objects.filter(
        employee=OuterRef("employee"),
        requirement=OuterRef("requirement"),
        valid_until__gt=OuterRef("valid_until"),
    )
    return TrainingCompletion.objects.filter(
        applicable,
        employee__in=Employee.objects.active(min(dates)).values("pk"),
        valid_until__gte=min(dates),
        valid_until__lte=max(dates) + TRAINING_WINDOW,
    ).filter(~Exists(later))


def old_training_expiring(kind, now):
    rows = (
        old_expiring_completions(now)
        .annotate(
            employee_reminded=kind.recorded(recipient_id="employee_id"),
            leader_reminded=kind.recorded(recipient_id="employee__team__leader_id"),
        )
        .exclude(
            Q(employee_reminded=True)
            & (
                Q(leader_reminded=True)
                | Q(employee__team__leader=None)
                | Q(employee__team__leader=F("employee"))
            )
        )
        .order_by()
        .values_list(
            "pk",
            "valid_until",
            "employee_id",
            "employee_reminded",
            "employee__site__time_zone",
            "employee__shift",
            "employee__team__leader_id",
            "leader_reminded",
            "employee__team__leader__site__time_zone",
            "employee__team__leader__shift",
            named=True,
        )
    )
    due = []
    for row in rows:
        occurrence = shift_start(row.valid_until, row.employee__site__time_zone, "day")
        reminded_on = row.valid_until - TRAINING_WINDOW
        if not row.employee_reminded:
            start = shift_start(reminded_on, row.employee__site__time_zone, row.employee__shift)
            due.append(Due(row.pk, row.employee_id, occurrence, start))
        leader_id = row.employee__team__leader_id
        if leader_id and leader_id != row.employee_id and not row.leader_reminded:
            zone, shift = row.employee__team__leader__site__time_zone, row.employee__team__leader__shift
            due.append(Due(row.pk, leader_id, occurrence, shift_start(reminded_on, zone, shift)))
    return due


def old_pending_acknowledgements(expectations, unless):
    people = Employee.objects.active().order_by()
    in_force = expectations.active().exclude(current_version=None)
    acknowledged = Acknowledgement.objects.filter(employee=OuterRef("pk"), version=OuterRef("version_id"))
    audiences = []
    for scope, field in Expectation.AUDIENCE_FIELD.items():
        if field is None:
            for version_id, published_at in in_force.filter(scope=scope).values_list(
                "current_version_id", "current_version__created_at"
            ):
                audiences.append(
                    people.annotate(
                        version_id=Value(version_id, models.IntegerField()),
                        published_at=Value(published_at, models.DateTimeField()),
                    )
                )
            continue
        path = f"{field.removesuffix('_id')}__expectations"
        audiences.append(
            people.filter(**{f"{path}__in": in_force.filter(scope=scope)}).annotate(
                version_id=F(f"{path}__current_version_id"),
                published_at=F(f"{path}__current_version__created_at"),
            )
        )
    rows = [
        audience.filter(~unless, ~Exists(acknowledged)).values_list("pk", "version_id", "published_at")
        for audience in audiences
    ]
    return rows[0].union(*rows[1:], all=True)


def old_expectation_unacknowledged(kind, now):
    pending = old_pending_acknowledgements(
        Expectation.objects.filter(current_version__created_at__lte=now - GRACE),
        kind.recorded(object_id="version_id", recipient_id="pk", occurrence="published_at"),
    )
    return [Due(version_id, pk, published, published + GRACE) for pk, version_id, published in pending]


OLD = {
    "action_item_due": old_action_item_due,
    "expectation_unacknowledged": old_expectation_unacknowledged,
    "follow_up_overdue": old_follow_up_overdue,
    "training_expiring": old_training_expiring,
}


# An organisation with something at every edge of these rules ---------------------------------------


@pytest.fixture
def edges(cast):
    with time_machine.travel(MONDAY - timedelta(days=40), tick=False):
        make_expectation(scope=Expectation.Scope.ORGANISATION, title="Be kind")
        make_expectation(scope=Expectation.Scope.SITE, site=cast.site, title="Tidy desks")
        make_expectation(scope=Expectation.Scope.SITE, site=cast.other_site, title="Quiet floor")
        archived = make_expectation(scope=Expectation.Scope.TEAM, team=cast.other_team, title="Old")
        Expectation.objects.filter(pk=archived.pk).update(is_active=False)
        for team in (cast.team, cast.other_team, cast.far_team):
            make_expectation(scope=Expectation.Scope.TEAM, team=team, title=f"{team.name} first")
    with time_machine.travel(MONDAY - timedelta(days=1), tick=False):  # within the grace period
        make_expectation(scope=Expectation.Scope.TEAM, team=cast.team, title="Too new")
    with time_machine.travel(MONDAY, tick=False):  # dates relative to today are Monday's
        leaderless = TeamFactory(site=cast.site, leader=None)
        evening = AgentFactory(team=cast.team, shift=Employee.Shift.EVENING)
        night = AgentFactory(team=cast.other_team, shift=Employee.Shift.NIGHT)
        left = AgentFactory(team=cast.team, ended_on=MONDAY.date() - timedelta(days=1))
        last_day = AgentFactory(team=cast.far_team, ended_on=MONDAY.date())
        alone = AgentFactory(team=leaderless)
        newcomer = AgentFactory(team=cast.team, started_on=MONDAY.date() - timedelta(days=3))
        people = [
            cast.agent,
            cast.teammate,
            cast.other_agent,
            cast.far_agent,
            evening,
            night,
            left,
            last_day,
            alone,
        ]
        with time_machine.travel(MONDAY - timedelta(days=2), tick=False):
            for expectation in Expectation.objects.filter(scope=Expectation.Scope.ORGANISATION):
                for person in (cast.agent, night, cast.leader):
                    acknowledge(person, expectation)
            acknowledge(cast.teammate, Expectation.objects.get(title="Cards first"))
            acknowledge(cast.far_agent, Expectation.objects.get(title="Quiet floor"))
        for days, person in enumerate(people + [cast.leader]):
            leader = person.team.leader if person.team and person.team.leader else cast.other_leader
            held = HeldConversationFactory(
                employee=person, leader=leader, scheduled_at=MONDAY - timedelta(days=days + 1)
            )
            RhythmFactory(employee=person, cadence_days=days % 4 + 1)  # some overdue, some not yet
            for offset in (-8, -7, -1, 0, 1, 2):
                for owner in ActionItem.Owner.values:
                    ActionItemFactory(
                        conversation=held, owner=owner, due_on=MONDAY.date() + timedelta(days=offset)
                    )
            expiring_in(person, "aml", days=days * 4)  # 0 to 40 days: both sides of the window
        RhythmFactory(employee=newcomer, cadence_days=14)  # never held, started three days ago
        paused = Rhythm.objects.get(employee=cast.agent)
        Rhythm.objects.filter(pk=paused.pk).update(paused_on=MONDAY.date() - timedelta(days=5))
        Rhythm.objects.filter(employee=cast.teammate).update(
            paused_on=MONDAY.date() - timedelta(days=20), resumes_on=MONDAY.date() - timedelta(days=1)
        )
        ActionItem.objects.filter(owner=ActionItem.Owner.EMPLOYEE, employee=cast.far_agent).update(
            completed_at=MONDAY - timedelta(days=1)
        )
        ActionItem.objects.filter(owner=ActionItem.Owner.LEADER, employee=night).update(
            dropped_at=MONDAY - timedelta(days=1)
        )
        completed(cast.far_agent, "aml", on=MONDAY.date() - timedelta(days=2))  # renews the expiring one
        expiring_in(cast.leader, "complaints", days=5)  # the leader's own: nobody else to remind
        expiring_in(cast.hr, "complaints", days=5)  # a training that does not apply to HR
        expiring_in(cast.hr, "gdpr", days=6)
        ExpectationVersion.objects.filter(expectation__title="Tidy desks").update(created_at=MONDAY - GRACE)
    return cast


def due_now(rows, now):
    return sorted(row for row in rows if row.due_at <= now)


def test_the_rewritten_rules_find_the_same_reminders_as_before(edges):
    found = {key: 0 for key in OLD}
    for now in MOMENTS:
        with time_machine.travel(now, tick=False):
            for key, old in OLD.items():
                kind = kinds.get(key)
                new_rows = due_now(kind.due(now), now)
                assert new_rows == due_now(old(kind, now), now), (key, now)
                found[key] += len(new_rows)
            reminder_sweep(now=now)  # what is recorded now is left out at the next moment
    assert all(found.values()), found  # every rule had something to find
