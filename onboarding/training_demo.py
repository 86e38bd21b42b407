"""Demo data for the mandatory trainings: completions for everyone a requirement applies to, most of
them valid, some running out within 30 days, some expired, a few never done, and last year's ones
behind them. Written with COPY (config.bulk), so 25,000 people take seconds. Deterministic for a given
random generator and date."""

import datetime
import random

from django.utils import timezone

from config.bulk import insert_values
from onboarding.models import TrainingCompletion
from onboarding.trainings import EXPIRING_WITHIN, add_months, applies_to, requirements_in_force
from people.models import Employee

COLUMNS = ["employee", "requirement", "completed_on", "valid_until", "evidence", "recorded_at"]


def seed(*, rng: random.Random, today: datetime.date) -> None:
    requirements = requirements_in_force()
    now = timezone.now()
    # Read before the COPY starts: the connection cannot fetch from a cursor while it streams rows in.
    people = list(Employee.objects.active(today).only("pk", "role", "site_id", "started_on"))
    demo_agent = Employee.objects.filter(user__username="agent").values_list("pk", flat=True).first()

    def rows():
        for person in people:
            for requirement in requirements:
                if not applies_to(requirement, person):
                    continue
                for completed_on in _completions(rng, today, person, requirement, person.pk == demo_agent):
                    yield (
                        person.pk,
                        requirement.pk,
                        completed_on,
                        add_months(completed_on, requirement.validity_months),
                        f"LMS-{completed_on.year}-{rng.randint(10000, 99999)}",
                        now,
                    )

    insert_values(TrainingCompletion, rows(), COLUMNS)


def _completions(rng, today, person, requirement, is_demo_agent):
    """The dates one person completed one requirement, oldest first (none: never done)."""
    months = requirement.validity_months
    roll = rng.random()
    if is_demo_agent and requirement.code == "aml":
        roll = 0.1  # the demo agent sees a training running out on their own page
    if (today - person.started_on).days <= requirement.grace_days:
        return [] if roll < 0.6 else [today - datetime.timedelta(days=rng.randint(0, 5))]
    if roll < 0.04:
        return []  # never done
    if roll < 0.12:
        valid_until = today + datetime.timedelta(days=rng.randint(0, EXPIRING_WITHIN - 1))
    elif roll < 0.2:
        valid_until = today - datetime.timedelta(days=rng.randint(1, 120))
    else:
        valid_until = today + datetime.timedelta(days=rng.randint(EXPIRING_WITHIN, months * 30 - 10))
    latest = add_months(valid_until, -months)
    if not is_demo_agent:  # theirs may be from their recruitment course, before the first day
        latest = max(latest, person.started_on)
    earlier = add_months(latest, -months) - datetime.timedelta(days=rng.randint(0, 20))
    return [earlier, latest] if earlier > person.started_on else [latest]
