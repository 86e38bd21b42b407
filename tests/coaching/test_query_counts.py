"""The key coaching pages run the same number of queries however long the history is."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from coaching.models import ConversationType
from goals.models import KpiMeasurement, Metric
from tests.coaching.factories import (
    ActionItemFactory,
    AgendaItemFactory,
    ConversationFactory,
    HeldConversationFactory,
    conversation_type,
)
from tests.goals.factories import CheckInFactory, GoalFactory

DETAIL_QUERIES = 16  # an upcoming conversation also reads the latest key figures and their metrics
MY_CONVERSATIONS_QUERIES = 7  # the agenda items with their authors in one query


def history(employee, size):
    """`size` earlier held conversations, each with two open action items, and key figures."""
    metric, _ = Metric.objects.get_or_create(code="fcr", defaults={"name": "FCR", "unit": "%"})
    coaching = conversation_type(ConversationType.Kind.COACHING)
    for index in range(size):
        held = HeldConversationFactory(
            employee=employee,
            scheduled_at=timezone.now() - datetime.timedelta(days=14 * (index + 1)),
            conversation_type=coaching if index % 2 else conversation_type(),
            summary_confirmed_at=None if index % 3 else timezone.now(),
        )
        ActionItemFactory.create_batch(2, conversation=held)
        KpiMeasurement.objects.create(
            employee=employee,
            metric=metric,
            period_end=datetime.date(2025, 1, 1) + datetime.timedelta(days=index),
            value=70 + index,
        )
    for index in range(size):
        goal = GoalFactory(
            employee=employee,
            starts_on=timezone.localdate() - datetime.timedelta(days=30),
            due_on=timezone.localdate() + datetime.timedelta(days=60 + index),
            metric=metric,
        )
        CheckInFactory(goal=goal, checked_on=timezone.localdate(), value=72)
    upcoming = ConversationFactory(employee=employee)
    AgendaItemFactory.create_batch(size, conversation=upcoming)
    ConversationFactory.create_batch(
        min(size, 3), employee=employee, scheduled_at=timezone.now() + datetime.timedelta(days=20)
    )
    return upcoming


@pytest.mark.parametrize("size", [1, 12])
@pytest.mark.parametrize("viewer", ["agent", "leader"])
def test_conversation_detail_query_count(client, cast, size, viewer, django_assert_num_queries):
    upcoming = history(cast.agent, size)
    client.force_login(getattr(cast, viewer).user)
    # The leader's page also writes one access-log row (the agent reads their own conversation).
    with django_assert_num_queries(DETAIL_QUERIES + 1 if viewer == "leader" else DETAIL_QUERIES - 1):
        response = client.get(upcoming.get_absolute_url())
    assert len(response.context["carried_over"]) == 2 * size
    assert len(response.context["goals"]) == size


@pytest.mark.parametrize("size", [1, 12])
def test_my_conversations_query_count(client, cast, size, django_assert_num_queries):
    history(cast.agent, size)
    client.force_login(cast.agent.user)
    with django_assert_num_queries(MY_CONVERSATIONS_QUERIES):
        response = client.get(reverse("coaching:my_conversations"))
    assert len(response.context["action_items"]) == 2 * size
    assert response.context["next_conversation"] is not None


@pytest.mark.parametrize("size", [1, 12])
def test_leader_conversations_query_count(client, cast, size, django_assert_num_queries):
    history(cast.agent, size)
    history(cast.teammate, size)
    client.force_login(cast.leader.user)
    with django_assert_num_queries(
        8
    ):  # one query per list: today, upcoming, notes missing, unconfirmed, past
        client.get(reverse("coaching:leader_conversations"))
