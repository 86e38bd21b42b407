"""Two identical submissions, or two confirms of one import, at the same moment record once."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from onboarding.models import TrainingCompletion
from onboarding.training_services import completion_record
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
