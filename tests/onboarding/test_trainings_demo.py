"""The demo organisation's training records: most valid, some running out, some expired, a few
never done; the demo agent has one running out."""

from collections import Counter

from django.core.management import call_command
from django.utils import timezone

from onboarding.models import TrainingCompletion
from onboarding.trainings import Status, person_rows, requirements_in_force, with_status
from people.models import Employee


def test_the_demo_has_realistic_training_records(db):
    call_command("seed_demo", employees=200, stdout=None)
    requirements = requirements_in_force()
    people = with_status(Employee.objects.active().select_related("user"), requirements, timezone.now())
    rows = person_rows(people, requirements)
    statuses = Counter(cell.status for row in rows for cell in row.cells if cell.applies)
    total = sum(statuses.values())
    assert statuses[Status.VALID] > total * 0.6
    assert statuses[Status.EXPIRING] and statuses[Status.EXPIRED] and statuses[Status.MISSING]
    assert not TrainingCompletion.objects.filter(completed_on__gt=timezone.localdate()).exists()
    [agent] = [row for row in rows if row.employee.user.username == "agent"]
    assert [cell.status for cell in agent.cells if cell.requirement.code == "aml"] == [Status.EXPIRING]
