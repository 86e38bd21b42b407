"""A person downloads everything Samtal holds about them: JSON and a readable page."""

import json

import pytest
from django.urls import reverse
from django.utils import timezone

from hr.models import AccessLogEntry, PrivacySettings
from reminders.models import Reminder
from tests.coaching.factories import (
    ActionItemFactory,
    AgendaItemFactory,
    HeldConversationFactory,
    PrivateNoteFactory,
)
from tests.goals.factories import CheckInFactory, GoalFactory, acknowledge, make_expectation
from tests.hr.builders import PRIVATE, development_history


def my_data(client, employee):
    client.force_login(employee.user)
    response = client.get(reverse("hr:my_data_json"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    return json.loads(response.content)


def test_the_copy_holds_every_kind_of_record(client, cast):
    conversation = HeldConversationFactory(employee=cast.agent, wins="Great save")
    AgendaItemFactory(conversation=conversation, text="Talk about my shifts")
    ActionItemFactory(conversation=conversation, text="Read the card-fraud guide")
    CheckInFactory(goal=GoalFactory(employee=cast.agent, title="Faster answers"), comment="Going well")
    acknowledge(cast.agent, make_expectation(team=cast.team, title="Answer within a day"), comment="OK")
    Reminder.objects.create(
        kind="conversation_soon",
        object_id=conversation.pk,
        recipient=cast.agent,
        occurrence=timezone.now(),
        due_at=timezone.now(),
        sent_at=timezone.now(),
        subject="Your follow-up is tomorrow",
    )
    AccessLogEntry.objects.create(
        viewer=cast.hr.user, subject=cast.agent, what="history", ip_address="10.0.0.9"
    )
    data = my_data(client, cast.agent)
    assert data["profile"]["employee_number"] == cast.agent.employee_number
    assert (
        data["goals"][0]["title"] == "Faster answers"
        and data["goals"][0]["check_ins"][0]["comment"] == "Going well"
    )
    assert data["conversations"][0]["wins"] == "Great save"
    assert data["agenda_items"][0]["text"] == "Talk about my shifts"
    assert data["action_items"][0]["text"] == "Read the card-fraud guide"
    assert data["acknowledgements"][0]["expectation"] == "Answer within a day"
    assert data["reminders_sent"][0]["subject"] == "Your follow-up is tomorrow"
    assert data["access_log"][0]["what"] == "Development history"
    assert data["access_log"][0]["from_address"] == "10.0.0.9"


def test_private_notes_about_the_person_follow_the_officers_setting(client, cast):
    PrivateNoteFactory(conversation=HeldConversationFactory(employee=cast.agent))
    assert my_data(client, cast.agent)["private_notes_about_you"][0]["text"] == PRIVATE
    PrivacySettings(private_notes_in_own_export=False).save()
    data = my_data(client, cast.agent)
    assert "private_notes_about_you" not in data and PRIVATE not in json.dumps(data)


def test_nobody_elses_data_is_in_the_copy(client, cast):
    PrivateNoteFactory(conversation=HeldConversationFactory(employee=cast.teammate))
    GoalFactory(employee=cast.teammate, title="Teammate's goal")
    text = json.dumps(my_data(client, cast.agent))
    assert PRIVATE not in text and "Teammate's goal" not in text


def test_a_leaders_copy_holds_no_private_note_they_wrote_about_others(client, cast):
    PrivateNoteFactory(conversation=HeldConversationFactory(employee=cast.agent))
    assert PRIVATE not in json.dumps(my_data(client, cast.leader))


def test_the_readable_page_shows_the_same_in_the_readers_language(client, cast):
    GoalFactory(employee=cast.agent, title="Faster answers")
    cast.agent.language = "nb"
    cast.agent.save()
    client.force_login(cast.agent.user)
    response = client.get(reverse("hr:my_data"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Faster answers" in html and "Alt Samtal har lagret om deg" in html
    assert AccessLogEntry.objects.count() == 0  # one's own data: not logged


@pytest.mark.parametrize("years", [1, 10])
def test_the_copy_runs_the_same_queries_for_one_year_or_ten(client, cast, years, django_assert_num_queries):
    development_history(cast.agent, years=years)
    client.force_login(cast.agent.user)
    with django_assert_num_queries(20):
        assert client.get(reverse("hr:my_data_json")).status_code == 200


def test_the_copy_holds_onboarding_trainings_and_floor_notes_about_the_person(client, cast):
    from tests.onboarding.factories import FloorNoteFactory, OnboardingFactory, OnboardingTaskFactory
    from tests.onboarding.training_helpers import completed

    onboarding = OnboardingFactory(employee=cast.agent)
    OnboardingTaskFactory(onboarding=onboarding, title="Order a headset", comment="Arrived")
    completed(cast.agent, "aml", days_ago=3, evidence="CERT-77")
    FloorNoteFactory(employee=cast.agent, author=cast.leader, text="Verified identity every time")
    data = my_data(client, cast.agent)
    assert data["onboarding"][0]["tasks"][0]["text"] == "Order a headset"
    assert data["trainings"][0]["evidence"] == "CERT-77"
    assert data["floor_notes_about_you"][0]["text"] == "Verified identity every time"
    PrivacySettings.objects.update_or_create(pk=1, defaults={"private_notes_in_own_export": False})
    assert "floor_notes_about_you" not in my_data(client, cast.agent)
