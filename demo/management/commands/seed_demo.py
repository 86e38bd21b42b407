import random
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

import coaching.demo
import goals.demo
import onboarding.demo
import onboarding.training_demo
import people.demo
from coaching.models import (
    ActionItem,
    AgendaItem,
    Conversation,
    GuidingAnswer,
    PrivateNote,
    QualityScore,
    Rhythm,
)
from config.bulk import foreign_keys_checked_once
from goals.models import Acknowledgement, CheckIn, Goal, KpiMeasurement
from onboarding.models import TrainingCompletion
from people.models import Employee, PositionChange

MIN_EMPLOYEES, MAX_EMPLOYEES = 10, 25_000
# The tables of a million rows and more at 25,000 people (with the small ones next to them).
BULK_LOADED = [
    Conversation,
    AgendaItem,
    ActionItem,
    GuidingAnswer,
    QualityScore,
    PrivateNote,
    Rhythm,
    KpiMeasurement,
    Acknowledgement,
    Goal,
    Goal.history.model,
    CheckIn,
    TrainingCompletion,
    PositionChange,
]


@transaction.atomic
def seed_everything(*, employees: int, seed: int) -> None:
    """The whole demo organisation with its history; used by this command and by the benchmark."""
    rng, today = random.Random(seed), timezone.localdate()
    with foreign_keys_checked_once(BULK_LOADED):
        people.demo.seed(rng=rng, today=today, employees=employees)
        # Each app adds its demo data for the people above here, one line each.
        goals.demo.seed(rng=random.Random(seed + 1), today=today)
        coaching.demo.seed(rng=random.Random(seed + 4), today=today)
        onboarding.demo.seed(rng=random.Random(seed + 5), today=today)  # new hires: no history yet
        onboarding.training_demo.seed(rng=random.Random(seed + 6), today=today)


class Command(BaseCommand):
    help = "Load the demo organisation (a Nordic bank's customer service). Demo passwords only."

    def add_arguments(self, parser):
        parser.add_argument("--employees", type=int, default=250, help="about how many people (10 to 25,000)")
        parser.add_argument(
            "--seed", type=int, default=2026, help="random seed: the same seed, the same data"
        )
        parser.add_argument("--if-empty", action="store_true", help="do nothing when people already exist")

    def handle(self, *args, employees, seed, if_empty, **options):
        if not MIN_EMPLOYEES <= employees <= MAX_EMPLOYEES:
            raise CommandError(
                f"--employees must be between {MIN_EMPLOYEES} and {MAX_EMPLOYEES:,}, not {employees:,}."
            )
        if Employee.objects.exists():
            if if_empty:
                self.stdout.write("The database already has people; keeping them.")
                self.print_logins()
                return
            raise CommandError("The database already has people. Use a fresh database for the demo.")
        started = time.monotonic()
        seed_everything(employees=employees, seed=seed)
        count = Employee.objects.count()
        self.stdout.write(self.style.SUCCESS(f"Seeded {count} people in {time.monotonic() - started:.1f} s."))
        self.print_logins()

    def print_logins(self):
        self.stdout.write(f"Demo logins (password: {people.demo.DEMO_PASSWORD}):")
        for username, who in {**people.demo.DEMO_LOGINS, **onboarding.demo.DEMO_LOGINS}.items():
            self.stdout.write(f"  {who:<34} {username}")
