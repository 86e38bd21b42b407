"""Two identical submissions, or two confirms of one import, at the same moment record once."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from onboarding.models import SiteCompliance, TrainingCompletion, TrainingImport, TrainingRequirement
from onboarding.training_import import training_import_confirm, training_import_upload
from onboarding.training_services import completion_record
from onboarding.trainings import site_compliance_refresh
from tests.conftest import build_cast
from tests.onboarding.training_helpers import requirement
from tests.races import race, racing

pytestmark = racing


@pytest.fixture
def cast():
    return build_cast()


def test_two_identical_submissions_at_once_record_one_completion(cast):
    day = timezone.localdate() - datetime.timedelta(days=1)
    training = requirement()

    def submit():
        return completion_record(
            employee=cast.agent,
            requirement=training,
            completed_on=day,
            user=cast.leader.user,
            now=timezone.now(),
        )

    results = race(submit, submit)

    assert TrainingCompletion.objects.count() == 1
    assert sorted(type(result).__name__ for result in results) == ["TrainingCompletion", "ValidationError"]
    assert [error.code for error in results if isinstance(error, ValidationError)] == ["duplicate"]


def test_a_double_import_confirm_records_the_rows_once(cast):
    day = timezone.localdate() - datetime.timedelta(days=1)
    text = f"employee_number,training,completed_on\n{cast.agent.employee_number},aml,{day.isoformat()}\n"
    user = cast.leader.user
    record = training_import_upload(content=text.encode(), file_name="lms.csv", user=user, now=timezone.now())

    results = race(
        *[
            lambda: training_import_confirm(
                training_import=TrainingImport.objects.get(pk=record.pk), user=user, now=timezone.now()
            )
        ]
        * 2
    )

    assert TrainingCompletion.objects.count() == 1
    assert sum(isinstance(result, ValidationError) for result in results) == 1


def test_two_refreshes_of_the_site_counts_at_once_leave_one_count_per_site_and_training(cast):
    now = timezone.now()
    results = race(
        lambda: site_compliance_refresh(now=now),
        lambda: site_compliance_refresh(now=now + datetime.timedelta(seconds=1)),
    )

    assert not [result for result in results if isinstance(result, Exception)]
    in_force = TrainingRequirement.objects.filter(is_active=True).count()
    assert SiteCompliance.objects.count() == 2 * in_force  # Uppsala and Oslo
