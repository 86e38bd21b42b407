"""The reports' aggregations shaped for speed at 5,000 people (coverage: one query over the people
probing each month's held conversations; wellbeing: per person and month, then per team; training
compliance: per person, regrouped per team) give the same groups as the straightforward aggregation
of the same records."""

import datetime
import random
from collections import Counter

import pytest
from django.db.models import Count, DateField, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from coaching.models import Conversation, day_start
from dashboards.reports import REPORTS, Period, next_month, report_members
from onboarding.models import TrainingCompletion
from onboarding.trainings import COMPLIANT, applies_to, requirements_in_force
from people.models import Employee
from tests.dashboards.builders import conversation_type
from tests.factories import AgentFactory, TeamFactory
from tests.onboarding.training_helpers import requirement

pytestmark = pytest.mark.clock


@pytest.fixture
def records(cast):
    """Three teams of people who start and leave at various dates, with held (and not held)
    conversations around the month boundaries of the viewer's zone, energy and workload sometimes
    missing, and training completions valid, expired, done late or never."""
    rng = random.Random(12)
    today = timezone.localdate()
    zone = timezone.get_current_timezone()
    period = Period.covering(today - datetime.timedelta(days=120), today)
    kind = conversation_type()
    statuses = [Conversation.Status.HELD] * 4 + [Conversation.Status.CANCELLED]
    requirement("complaints").sites.set([cast.other_site])
    for team in (TeamFactory(site=cast.site) for _team in range(3)):
        for _person in range(7):
            started_on = today - datetime.timedelta(days=rng.choice([20, 70, 400]))
            ended_on = rng.choice([None, None, today - datetime.timedelta(days=rng.randint(0, 60))])
            if ended_on is not None:
                ended_on = max(ended_on, started_on)
            person = AgentFactory(team=team, site=cast.site, started_on=started_on, ended_on=ended_on)
            for month in period.months:
                for _conversation in range(2):
                    edge = rng.choice([day_start(month, zone), day_start(next_month(month), zone)])
                    at = edge + datetime.timedelta(minutes=rng.choice([-30, 30, 60 * 24 * 10]))
                    Conversation.objects.create(
                        employee=person,
                        leader=team.leader,
                        conversation_type=kind,
                        status=rng.choice(statuses),
                        scheduled_at=at,
                        energy=rng.choice([None, 1, 3, 5]),
                        workload=rng.choice([None, 2, 4]),
                    )
            for training in requirements_in_force():
                if rng.random() < 0.2:
                    continue
                done = today - datetime.timedelta(days=rng.randint(0, 500))
                TrainingCompletion.objects.create(
                    employee=person,
                    requirement=training,
                    completed_on=done,
                    valid_until=done + datetime.timedelta(days=rng.choice([200, 365])),
                    recorded_at=timezone.now(),
                )
    return period


def groups(key, period):
    """The report's rows per team and month, its parts (site, left or not) added up."""
    employees = report_members(Employee.objects.all())
    teams = {}
    for members, month, people, sums in REPORTS[key].aggregate(employees=employees, period=period):
        team_people, team_sums = teams.get((members.team_id, month), (0, Counter()))
        team_sums.update(sums)
        teams[(members.team_id, month)] = (team_people + people, team_sums)
    return teams


def test_coverage_counts_members_and_those_of_them_seen(records):
    period = records
    employees = report_members(Employee.objects.all())
    start, end = period.moments()
    seen = set(
        Conversation.objects.held()
        .filter(employee__in=employees.values("pk"), scheduled_at__gte=start, scheduled_at__lt=end)
        .annotate(month=TruncMonth("scheduled_at", output_field=DateField()))
        .values_list("employee_id", "month")
    )
    expected = {}
    for person in employees:
        for month in period.months:
            if person.started_on < next_month(month) and (
                person.ended_on is None or person.ended_on >= month
            ):
                people, sums = expected.get((person.team_id, month), (0, Counter(seen=0)))
                sums["seen"] += (person.pk, month) in seen
                expected[(person.team_id, month)] = (people + 1, sums)
    assert any(sums["seen"] for _people, sums in expected.values())
    assert groups("coverage", period) == expected


def test_wellbeing_sums_what_each_team_and_month_of_held_conversations_sums(records):
    period = records
    employees = report_members(Employee.objects.all())
    start, end = period.moments()
    expected = {
        (row["employee__team_id"], row["month"]): (
            row["people"],
            Counter(
                energy=row["energy_sum"] or 0,
                energy_count=row["energy_count"],
                workload=row["workload_sum"] or 0,
                workload_count=row["workload_count"],
            ),
        )
        for row in Conversation.objects.held()
        .filter(employee__in=employees.values("pk"), scheduled_at__gte=start, scheduled_at__lt=end)
        .filter(Q(energy__isnull=False) | Q(workload__isnull=False))
        .annotate(month=TruncMonth("scheduled_at", output_field=DateField()))
        .values("employee__team_id", "month")
        .annotate(
            people=Count("employee_id", distinct=True),
            energy_sum=Sum("energy"),
            energy_count=Count("energy"),
            workload_sum=Sum("workload"),
            workload_count=Count("workload"),
        )
    }
    assert len(expected) > len(period.months)
    assert groups("wellbeing", period) == expected


def test_training_compliance_counts_what_the_rule_says_person_by_person(records):
    period = records
    today = timezone.localdate()
    requirements = requirements_in_force()
    completions = list(TrainingCompletion.objects.all())
    expected = {}
    for person in report_members(Employee.objects.all()):
        applicable = [training for training in requirements if applies_to(training, person)]
        for month in period.months:
            day = min(next_month(month) - datetime.timedelta(days=1), today)
            if not applicable or person.started_on > day or (person.ended_on and person.ended_on < day):
                continue
            compliant = all(
                status_on(day, person, training, completions) in COMPLIANT for training in applicable
            )
            people, sums = expected.get((person.team_id, month), (0, Counter(compliant=0)))
            expected[(person.team_id, month)] = (people + 1, sums + Counter(compliant=int(compliant)))
    assert any(sums["compliant"] < people for people, sums in expected.values())
    assert groups("trainings", period) == expected


def status_on(day, person, training, completions):
    """The trainings module's statuses on a past `day`, from the completions done by then."""
    done = [
        completion
        for completion in completions
        if (completion.employee_id, completion.requirement_id) == (person.pk, training.pk)
        and completion.completed_on <= day
    ]
    if any(completion.valid_until >= day for completion in done):
        return "valid"
    if done:
        return "expired"
    if person.started_on >= day - datetime.timedelta(days=training.grace_days):
        return "due"
    return "missing"
