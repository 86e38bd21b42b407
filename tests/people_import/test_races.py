"""Two clicks on Import, or the nightly job and HR at once, apply an HR export once."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from people.models import Employee
from people_import.services import COLUMNS, people_import_confirm, people_import_upload
from tests.conftest import build_cast
from tests.races import race, racing

pytestmark = racing


@pytest.fixture
def cast():
    return build_cast()


def test_two_confirms_at_once_create_each_person_once(cast):
    content = "\n".join(
        [";".join(COLUMNS), "N1;Nora;Ny;nora@bank.example;Uppsala;Cards;agent;Adviser;;2024-01-01;"]
    ).encode()
    record = people_import_upload(content=content, file_name="hr.csv", user=cast.hr.user, now=timezone.now())

    outcomes = race(
        lambda: people_import_confirm(people_import=record, user=cast.hr.user, now=timezone.now()),
        lambda: people_import_confirm(people_import=record, user=cast.hr.user, now=timezone.now()),
    )

    assert sum(isinstance(outcome, ValidationError) for outcome in outcomes) == 1
    assert Employee.objects.filter(employee_number="N1").count() == 1
