"""A completion recorded by a leader (their team) or HR (anyone): validated, valid for the
requirement's calendar months, recorded once; a person's trainings page is scoped like every page."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from onboarding.models import TrainingCompletion
from onboarding.training_services import completion_record
from tests.onboarding.training_helpers import completed, requirement

pytestmark = pytest.mark.clock


def record(client, employee, **data):
    return client.post(reverse("onboarding:person_trainings", args=[employee.pk]), data)


def test_a_leader_records_a_completion_for_a_team_member(client, cast):
    client.force_login(cast.leader.user)
    day = timezone.localdate() - datetime.timedelta(days=3)

    response = record(
        client,
        cast.agent,
        requirement=requirement("gdpr").pk,
        completed_on=day.isoformat(),
        evidence=" C-123 ",
    )

    assert response.status_code == 302
    completion = TrainingCompletion.objects.get()
    assert (
        completion.employee,
        completion.requirement.code,
        completion.completed_on,
        completion.evidence,
    ) == (
        cast.agent,
        "gdpr",
        day,
        "C-123",
    )
    assert completion.recorded_by == cast.leader.user
    assert completion.valid_until.year == day.year + 1
    page = client.get(reverse("onboarding:person_trainings", args=[cast.agent.pk]))
    assert "C-123" in page.content.decode()


def test_hr_records_for_anyone_and_a_site_manager_only_reads(client, cast):
    client.force_login(cast.hr.user)
    day = timezone.localdate().isoformat()
    assert record(client, cast.far_agent, requirement=requirement().pk, completed_on=day).status_code == 302
    client.force_login(cast.manager.user)
    page = client.get(reverse("onboarding:person_trainings", args=[cast.agent.pk]))
    assert page.status_code == 200 and page.context["form"] is None
    assert record(client, cast.agent, requirement=requirement().pk, completed_on=day).status_code == 403
    assert TrainingCompletion.objects.count() == 1


@pytest.mark.parametrize("viewer", ["other_leader", "far_leader", "teammate", "other_manager"])
def test_people_outside_the_scope_are_not_found(client, cast, viewer):
    completed(cast.agent, evidence="secret-certificate")
    client.force_login(getattr(cast, viewer).user)
    url = reverse("onboarding:person_trainings", args=[cast.agent.pk])
    assert client.get(url).status_code == 404
    day = timezone.localdate().isoformat()
    assert record(client, cast.agent, requirement=requirement("gdpr").pk, completed_on=day).status_code == 404
    assert TrainingCompletion.objects.count() == 1


def test_an_agent_sees_their_own_trainings_and_no_one_elses(client, cast):
    completed(cast.agent, evidence="my-certificate")
    completed(cast.teammate, evidence="teammates-certificate")
    client.force_login(cast.agent.user)
    page = client.get(reverse("onboarding:my_trainings"))
    content = page.content.decode()
    assert page.status_code == 200 and "my-certificate" in content and "teammates-certificate" not in content
    assert page.context["form"] is None
    assert client.get(reverse("onboarding:person_trainings", args=[cast.teammate.pk])).status_code == 404
    own = record(client, cast.agent, requirement=requirement("gdpr").pk, completed_on=timezone.localdate())
    assert own.status_code == 403  # an agent does not record their own


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "The completion date cannot be in the future."),
        ("nb", "Datoen for gjennomført kurs kan ikke være fram i tid."),
        ("sv", "Datumet då utbildningen slutfördes kan inte ligga i framtiden."),
    ],
)
def test_a_date_in_the_future_is_refused_with_a_translated_message(client, cast, language, message):
    cast.leader.language = language
    cast.leader.save()
    client.force_login(cast.leader.user)
    later = timezone.localdate() + datetime.timedelta(days=2)
    response = record(client, cast.agent, requirement=requirement().pk, completed_on=later.isoformat())
    assert response.status_code == 400
    assert response.context["form"].errors["completed_on"] == [message]
    assert not TrainingCompletion.objects.exists()


def test_the_same_completion_twice_is_refused(client, cast):
    day = timezone.localdate() - datetime.timedelta(days=1)
    completed(cast.agent, on=day)
    client.force_login(cast.leader.user)
    response = record(client, cast.agent, requirement=requirement().pk, completed_on=day.isoformat())
    assert response.status_code == 400
    assert response.context["form"].errors["completed_on"] == [
        "This completion is already recorded for that person, training and date."
    ]
    with pytest.raises(ValidationError) as error:
        completion_record(
            employee=cast.agent, requirement=requirement(), completed_on=day, user=None, now=timezone.now()
        )
    assert error.value.code == "duplicate"
    assert TrainingCompletion.objects.count() == 1


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"requirement": "x", "completed_on": "2026-01-01"},
        {"requirement": "999999", "completed_on": "2026-01-01"},
        {"requirement": "1", "completed_on": "yesterday"},
        {"requirement": "1", "completed_on": "1899-01-01"},
        {"requirement": "1", "completed_on": "2026-01-01", "evidence": "x" * 301},
    ],
)
def test_bad_input_is_a_form_error_not_a_crash(client, cast, data):
    client.force_login(cast.leader.user)
    if data.get("requirement") == "1":
        data["requirement"] = requirement().pk
    assert record(client, cast.agent, **data).status_code == 400
    assert not TrainingCompletion.objects.exists()
