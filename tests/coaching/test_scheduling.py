import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from coaching.models import Conversation, ConversationType, Rhythm
from tests.coaching.factories import ConversationFactory, conversation_type

OSLO = ZoneInfo("Europe/Oslo")
STOCKHOLM = ZoneInfo("Europe/Stockholm")


def next_week():
    return timezone.localdate() + datetime.timedelta(days=7)


def booking(employee, *, day=None, time="23:30", duration=30, **extra):
    return {
        "employee": employee.pk,
        "conversation_type": conversation_type().pk,
        "scheduled_on": (day or next_week()).isoformat(),
        "start_time": time,
        "duration_minutes": duration,
        "location": "https://video.example/room",
        **extra,
    }


@pytest.fixture
def leader_client(client, cast):
    client.force_login(cast.leader.user)
    return client


def test_leader_books_a_conversation_at_night_in_the_employees_time_zone(
    leader_client, cast, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = leader_client.post(reverse("coaching:conversation_schedule"), booking(cast.agent))
    conversation = Conversation.objects.get()
    assert response.status_code == 302
    assert response.url == conversation.get_absolute_url()
    expected = datetime.datetime.combine(next_week(), datetime.time(23, 30), tzinfo=STOCKHOLM)
    assert conversation.scheduled_at == expected
    assert conversation.status == Conversation.Status.SCHEDULED
    assert conversation.leader == cast.leader
    assert conversation.invitation_changed_at is not None  # the invitation is owed: the sweep sends it
    assert mailoutbox == []  # the request itself never touches the broker


def test_a_far_site_time_is_read_in_that_sites_zone(client, cast):
    client.force_login(cast.far_leader.user)
    client.post(reverse("coaching:conversation_schedule"), booking(cast.far_agent, time="07:15"))
    conversation = Conversation.objects.get()
    assert conversation.scheduled_at.astimezone(OSLO).time() == datetime.time(7, 15)


def test_scheduling_gives_the_employee_a_follow_up_rhythm(leader_client, cast):
    leader_client.post(reverse("coaching:conversation_schedule"), booking(cast.agent))
    rhythm = Rhythm.objects.get(employee=cast.agent)
    assert rhythm.conversation_type.kind == ConversationType.Kind.FOLLOW_UP
    assert rhythm.cadence_days == 14


def test_the_employee_query_parameter_preselects(leader_client, cast):
    response = leader_client.get(reverse("coaching:conversation_schedule") + f"?employee={cast.agent.pk}")
    assert response.context["form"].initial["employee"] == cast.agent


def test_only_own_team_members_can_be_booked(leader_client, cast):
    response = leader_client.post(reverse("coaching:conversation_schedule"), booking(cast.other_agent))
    assert response.status_code == 200
    assert "employee" in response.context["form"].errors
    assert not Conversation.objects.exists()


def test_a_duration_of_zero_is_refused(leader_client, cast):
    response = leader_client.post(reverse("coaching:conversation_schedule"), booking(cast.agent, duration=0))
    assert "duration_minutes" in response.context["form"].errors
    assert not Conversation.objects.exists()


def test_booking_in_the_past_is_refused(leader_client, cast):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    response = leader_client.post(
        reverse("coaching:conversation_schedule"), booking(cast.agent, day=yesterday)
    )
    assert "Log a held conversation instead" in str(response.context["form"].errors["scheduled_on"])
    assert not Conversation.objects.exists()


def test_a_held_conversation_cannot_be_logged_in_the_future(leader_client, cast):
    response = leader_client.post(reverse("coaching:conversation_log"), booking(cast.agent))
    assert "cannot be in the future" in str(response.context["form"].errors["scheduled_on"])
    assert not Conversation.objects.exists()


def test_logging_a_past_conversation_records_it_as_held(leader_client, cast):
    last_week = timezone.localdate() - datetime.timedelta(days=7)
    response = leader_client.post(
        reverse("coaching:conversation_log"), booking(cast.agent, day=last_week, time="09:00")
    )
    conversation = Conversation.objects.get()
    assert response.status_code == 302
    assert conversation.status == Conversation.Status.HELD
    assert conversation.held_at is not None
    assert conversation.summary_confirmed_at is None


def test_a_time_skipped_by_daylight_saving_is_refused(leader_client, cast):
    year = timezone.localdate().year + 1
    last_sunday_of_march = max(
        datetime.date(year, 3, day) for day in range(25, 32) if datetime.date(year, 3, day).weekday() == 6
    )
    response = leader_client.post(
        reverse("coaching:conversation_schedule"), booking(cast.agent, day=last_sunday_of_march, time="02:30")
    )
    assert "start_time" in response.context["form"].errors
    assert not Conversation.objects.exists()


def test_double_booking_warns_and_can_be_overridden(leader_client, cast):
    start = datetime.datetime.combine(next_week(), datetime.time(10, 0), tzinfo=STOCKHOLM)
    ConversationFactory(employee=cast.teammate, scheduled_at=start, duration_minutes=60)
    data = booking(cast.agent, time="10:30")

    response = leader_client.post(reverse("coaching:conversation_schedule"), data)
    assert response.status_code == 200
    assert "overlapping time" in response.content.decode()
    assert 'name="book_anyway"' in response.content.decode()
    assert Conversation.objects.count() == 1

    response = leader_client.post(reverse("coaching:conversation_schedule"), {**data, "book_anyway": "on"})
    assert response.status_code == 302
    assert Conversation.objects.count() == 2


def test_back_to_back_conversations_are_not_a_double_booking(leader_client, cast):
    start = datetime.datetime.combine(next_week(), datetime.time(10, 0), tzinfo=STOCKHOLM)
    ConversationFactory(employee=cast.teammate, scheduled_at=start, duration_minutes=30)
    response = leader_client.post(
        reverse("coaching:conversation_schedule"), booking(cast.agent, time="10:30")
    )
    assert response.status_code == 302


def test_employee_requests_a_conversation_with_their_leader(
    client, cast, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(cast.agent.user)
    data = {
        "conversation_type": conversation_type(ConversationType.Kind.DEVELOPMENT).pk,
        "scheduled_on": next_week().isoformat(),
        "start_time": "14:00",
        "duration_minutes": 45,
        "topic": "I would like to talk about becoming a trainer",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("coaching:conversation_request"), data)
    conversation = Conversation.objects.get()
    assert response.status_code == 302
    assert conversation.leader == cast.leader
    assert conversation.requested_by == cast.agent
    assert conversation.status == Conversation.Status.SCHEDULED
    assert conversation.agenda_items.get().text == data["topic"]
    assert conversation.invitation_changed_at is not None
    assert mailoutbox == []


def test_an_agent_cannot_open_the_schedule_page(client, cast):
    client.force_login(cast.agent.user)
    assert client.get(reverse("coaching:conversation_schedule")).status_code == 403
