"""Less friction for the leader: conversations by today / past / notes missing, a booking proposed
at the person's due date, and the latest key figures before a talk."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from coaching.models import Conversation
from goals.models import KpiMeasurement, Metric
from tests.coaching.factories import ConversationFactory, HeldConversationFactory, RhythmFactory
from tests.coaching.test_scheduling import booking

STOCKHOLM = ZoneInfo("Europe/Stockholm")  # the cast's Uppsala site
FRIDAY_MORNING = datetime.datetime(2027, 1, 15, 10, 0, tzinfo=STOCKHOLM)


def at(day_offset, hour, minute=0):
    return datetime.datetime.combine(
        FRIDAY_MORNING.date() + datetime.timedelta(days=day_offset),
        datetime.time(hour, minute),
        tzinfo=STOCKHOLM,
    )


@pytest.fixture(autouse=True)
def friday():
    """Before anything else (logging in included), it is Friday morning in Uppsala."""
    with time_machine.travel(FRIDAY_MORNING, tick=False):
        yield


@pytest.fixture
def leader_client(client, cast):
    client.force_login(cast.leader.user)
    return client


def test_the_leader_sees_today_upcoming_notes_missing_and_past(leader_client, cast):
    early_today = HeldConversationFactory(employee=cast.agent, scheduled_at=at(0, 0, 30))
    later_today = ConversationFactory(employee=cast.teammate, scheduled_at=at(0, 23, 30))
    ConversationFactory(employee=cast.agent, scheduled_at=at(0, 15), status=Conversation.Status.CANCELLED)
    tomorrow = ConversationFactory(employee=cast.agent, scheduled_at=at(1, 9))
    no_notes = HeldConversationFactory(employee=cast.agent, scheduled_at=at(-2, 9), shared_notes="")
    with_notes = HeldConversationFactory(employee=cast.teammate, scheduled_at=at(-1, 23, 45))
    context = leader_client.get(reverse("coaching:leader_conversations")).context
    assert context["today"] == [early_today, later_today]
    assert context["upcoming"] == [tomorrow]
    assert context["notes_missing"] == [no_notes]
    assert context["unconfirmed"] == [early_today, with_notes]
    assert context["past"] == [with_notes, no_notes]


def test_the_schedule_form_proposes_the_due_date_at_nine(leader_client, cast):
    RhythmFactory(employee=cast.agent, cadence_days=14)
    HeldConversationFactory(employee=cast.agent, scheduled_at=at(-10, 14))
    response = leader_client.get(reverse("coaching:conversation_schedule"), {"employee": cast.agent.pk})
    form = response.context["form"]
    assert form.initial["scheduled_on"] == at(4, 9).date()
    assert form.initial["start_time"] == datetime.time(9, 0)
    assert "Due by the rhythm on 19 January 2027." in response.content.decode()


def test_when_the_due_date_has_passed_the_form_proposes_the_next_working_day_at_nine(leader_client, cast):
    RhythmFactory(employee=cast.agent, cadence_days=14)
    HeldConversationFactory(employee=cast.agent, scheduled_at=at(-30, 14))
    form = leader_client.get(reverse("coaching:conversation_schedule"), {"employee": cast.agent.pk}).context[
        "form"
    ]
    assert (form.initial["scheduled_on"], form.initial["start_time"]) == (
        at(3, 9).date(),
        datetime.time(9, 0),
    )
    assert form.initial["scheduled_on"].weekday() == 0  # Monday, not Saturday


def test_a_booking_after_the_due_date_is_flagged_and_booked_only_knowingly(leader_client, cast):
    RhythmFactory(employee=cast.agent, cadence_days=14)
    HeldConversationFactory(employee=cast.agent, scheduled_at=at(-10, 14))
    late = booking(cast.agent, day=at(10, 9).date(), time="10:00")
    response = leader_client.post(reverse("coaching:conversation_schedule"), late)
    assert response.status_code == 200
    assert "when the conversation is due" in response.content.decode()
    assert response.context["form"].late_for == at(4, 9).date()
    assert not Conversation.objects.scheduled().exists()
    response = leader_client.post(reverse("coaching:conversation_schedule"), {**late, "book_anyway": "on"})
    assert response.status_code == 302
    on_time = booking(cast.teammate, day=at(3, 9).date(), time="10:00")
    assert leader_client.post(reverse("coaching:conversation_schedule"), on_time).status_code == 302


def test_before_the_talk_the_page_shows_the_latest_key_figures(leader_client, cast):
    metric, _ = Metric.objects.get_or_create(code="fcr", defaults={"name": "FCR", "unit": "%"})
    KpiMeasurement.objects.create(
        employee=cast.agent, metric=metric, period_end=datetime.date(2026, 2, 28), value=Decimal("74.25")
    )
    upcoming = ConversationFactory(employee=cast.agent)
    response = leader_client.get(upcoming.get_absolute_url())
    assert [row["value"] for row in response.context["key_figures"]] == ["74.25"]
    assert "Latest key figures" in response.content.decode()
