"""A steady sweep: every kind leaves out in its own query what is recorded already, so a tick after the
first reads nothing, inserts nothing and runs the same few queries whatever is recorded."""

import datetime
import zoneinfo
from datetime import timedelta

import pytest
import time_machine

from coaching.models import ActionItem
from goals.models import Expectation, ExpectationVersion, Goal
from reminders import kinds
from reminders.models import Reminder, TeamsWebhook
from reminders.services import reminder_sweep
from tests.coaching.factories import (
    ActionItemFactory,
    ConversationFactory,
    HeldConversationFactory,
    RhythmFactory,
)
from tests.factories import AgentFactory
from tests.goals.factories import GoalFactory, make_expectation
from tests.onboarding.factories import OnboardingFactory, OnboardingTaskFactory

pytestmark = pytest.mark.clock

STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")
# A Monday afternoon (the weekly digests are due), the day after the spring daylight-saving switch.
MONDAY = datetime.datetime(2027, 3, 29, 16, 0, tzinfo=STOCKHOLM)


@pytest.fixture
def everything_due(cast):
    """Something due for most kinds, for several people."""
    today = MONDAY.date()
    with time_machine.travel(MONDAY, tick=False):
        TeamsWebhook.objects.create(
            team=cast.team, url="https://prod-1.westeurope.logic.azure.com/workflows/1"
        )
        for agent in (cast.agent, cast.teammate, cast.other_agent, cast.far_agent):
            ConversationFactory(employee=agent, scheduled_at=MONDAY + timedelta(hours=20))
            held = HeldConversationFactory(
                employee=agent, scheduled_at=MONDAY - timedelta(days=3), held_at=MONDAY - timedelta(days=3)
            )
            ActionItemFactory(conversation=held, owner=ActionItem.Owner.EMPLOYEE, due_on=today)
            RhythmFactory(employee=agent, cadence_days=2)  # held three days ago: overdue
            GoalFactory(
                employee=agent,
                status=Goal.Status.PROPOSED,
                employee_agreed_at=None,
                leader_agreed_at=MONDAY - timedelta(days=3),
            )
        make_expectation(scope=Expectation.Scope.ORGANISATION, title="Be kind")
        ExpectationVersion.objects.update(created_at=MONDAY - timedelta(days=5))
        onboarding = OnboardingFactory(
            employee=AgentFactory(team=cast.team), starts_on=today + timedelta(days=1)
        )
        OnboardingTaskFactory(onboarding=onboarding, due_on=today + timedelta(days=1))


def test_a_steady_sweep_reads_nothing_and_inserts_nothing(
    cast, everything_due, django_assert_max_num_queries
):
    with time_machine.travel(MONDAY, tick=False):
        reminder_sweep(now=MONDAY)
        recorded = Reminder.objects.count()
        later = MONDAY + timedelta(minutes=1)
        assert {kind.key: list(kind.due(later)) for kind in kinds.every()} == {
            kind.key: [] for kind in kinds.every()
        }
        # One query per kind (two for goals' two sides and for expectations, three for trainings),
        # the hand-out, and the savepoint around the sweep: no insert, and no look-up of keys.
        with django_assert_max_num_queries(len(kinds.every()) + 4 + 3):
            assert reminder_sweep(now=later) == []
    assert Reminder.objects.count() == recorded
    assert set(Reminder.objects.values_list("kind", flat=True)) >= {
        "action_item_due",
        "conversation_soon",
        "expectation_unacknowledged",
        "follow_up_overdue",
        "goal_awaiting_agreement",
        "onboarding_arrival",
        "onboarding_task_due",
        "summary_unconfirmed",
        "team_channel_digest",
        "weekly_digest",
    }


def test_the_weekly_digests_are_recorded_again_the_next_monday(cast, everything_due):
    next_monday = MONDAY + timedelta(days=7)
    for now in (MONDAY, MONDAY + timedelta(days=6, hours=20), next_monday):  # ... and not on Sunday night
        with time_machine.travel(now, tick=False):
            reminder_sweep(now=now)
    digests = Reminder.objects.filter(kind__in=["weekly_digest", "team_channel_digest"])
    assert sorted({d.occurrence.astimezone(STOCKHOLM).date() for d in digests}) == [
        MONDAY.date(),
        next_monday.date(),
    ]
    assert digests.filter(kind="team_channel_digest").count() == 2
    assert digests.filter(kind="weekly_digest", recipient=cast.leader).count() == 2
