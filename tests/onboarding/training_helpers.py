"""Training records for tests, written straight to the database (the service is tested on its own)."""

import datetime

from django.utils import timezone

from onboarding.models import TrainingCompletion, TrainingRequirement
from onboarding.trainings import add_months


def requirement(code="aml"):
    """One of the requirements the data migration seeds (aml, gdpr, infosec, complaints)."""
    return TrainingRequirement.objects.get(code=code)


def only(*codes):
    """Keep only the requirements `codes` in force; returns them in that order."""
    TrainingRequirement.objects.exclude(code__in=codes).update(is_active=False)
    return [requirement(code) for code in codes]


def completed(employee, code="aml", *, on=None, days_ago=None, valid_until=None, evidence=""):
    training = requirement(code)
    if on is None:
        on = timezone.localdate() - datetime.timedelta(days=days_ago or 0)
    return TrainingCompletion.objects.create(
        employee=employee,
        requirement=training,
        completed_on=on,
        valid_until=valid_until or add_months(on, training.validity_months),
        evidence=evidence,
        recorded_at=timezone.now(),
    )


def expiring_in(employee, code="aml", *, days):
    """A completion valid for `days` more days (0: its last valid day is today)."""
    until = timezone.localdate() + datetime.timedelta(days=days)
    return completed(employee, code, on=until - datetime.timedelta(days=365), valid_until=until)


def organisation(cast, size, *, team_size=12):
    """About `size` agents in teams of `team_size` at the cast's two sites (a tenth of them in the
    cast leader's team), with a realistic mix of completions: most valid, some expiring, some expired,
    some never done. Written in a few bulk inserts."""
    from django.contrib.auth import get_user_model

    from people.models import Employee, Team

    today = timezone.localdate()
    users = get_user_model().objects.bulk_create(
        [get_user_model()(username=f"org{n}", first_name=f"Person{n}", last_name="Org") for n in range(size)]
    )
    leaders_team = size // 10
    teams = Team.objects.bulk_create(
        [
            Team(name=f"Org team {n}", site=cast.site if n % 2 else cast.other_site)
            for n in range((size - leaders_team) // team_size + 1)
        ]
    )
    people = Employee.objects.bulk_create(
        [
            Employee(
                user=user,
                employee_number=f"ORG{n:06d}",
                title="Advisor",
                role="agent",
                team=cast.team if n < leaders_team else teams[(n - leaders_team) // team_size],
                site=cast.team.site if n < leaders_team else teams[(n - leaders_team) // team_size].site,
                started_on=today - datetime.timedelta(days=400 if n % 17 else 5),
            )
            for n, user in enumerate(users)
        ]
    )
    trainings = list(TrainingRequirement.objects.filter(is_active=True))
    completions = []
    for n, person in enumerate(people):
        for m, training in enumerate(trainings):
            kind = (n + m) % 10
            if kind == 9:
                continue  # never done
            until = today + datetime.timedelta(days={7: 10, 8: -20}.get(kind, 200))
            completions.append(
                TrainingCompletion(
                    employee=person,
                    requirement=training,
                    completed_on=until - datetime.timedelta(days=365),
                    valid_until=until,
                    recorded_at=timezone.now(),
                )
            )
    TrainingCompletion.objects.bulk_create(completions, batch_size=5000)
    return people
