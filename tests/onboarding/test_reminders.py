"""An onboarding task reminds its assignee the morning before it is due; the leader's weekly digest
lists onboardings with overdue tasks."""

import datetime
import zoneinfo
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from onboarding.models import Onboarding, OnboardingTask, Responsibility
from reminders.models import Reminder
from reminders.rule import shift_start
from reminders.services import reminder_send, reminder_sweep
from tests.onboarding.factories import OnboardingFactory, OnboardingTaskFactory

pytestmark = pytest.mark.clock
STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")


@pytest.fixture(autouse=True)
def _only_onboarding_reminders(request, monkeypatch):
    from reminders import kinds

    keep = (
        {"onboarding_task_due", "weekly_digest"} if "digest" in request.node.name else {"onboarding_task_due"}
    )
    every = [kind for kind in kinds.every() if kind.key in keep]
    monkeypatch.setattr(kinds, "every", lambda: every)


def test_a_task_due_tomorrow_reminds_its_assignee_once_the_morning_before(cast, mailoutbox):
    today = timezone.localdate(timezone.now(), STOCKHOLM)
    tomorrow = today + timedelta(days=1)
    onboarding = OnboardingFactory(employee=cast.agent, trainer=cast.trainer)
    own = OnboardingTaskFactory(onboarding=onboarding, due_on=tomorrow, title="Complete the GDPR module")
    trainers = OnboardingTaskFactory(
        onboarding=onboarding, due_on=tomorrow, responsible=Responsibility.TRAINER, assignee=cast.trainer
    )
    OnboardingTaskFactory(onboarding=onboarding, due_on=tomorrow, completed_at=timezone.now())  # done
    OnboardingTaskFactory(onboarding=onboarding, due_on=today + timedelta(days=5))  # not yet
    morning = shift_start(today, "Europe/Stockholm", "day")
    assert reminder_sweep(now=morning - timedelta(minutes=5)) == []
    ids = reminder_sweep(now=morning + timedelta(minutes=5))
    assert reminder_sweep(now=morning + timedelta(minutes=10)) == []
    due = Reminder.objects.filter(pk__in=ids)
    assert {(r.object_id, r.recipient) for r in due} == {(own.pk, cast.agent), (trainers.pk, cast.trainer)}
    OnboardingTask.objects.filter(pk=trainers.pk).update(completed_at=morning)  # ticked before the send
    sent = [
        reminder_send(reminder_id=pk, now=morning + timedelta(minutes=6))
        for pk in due.order_by("object_id").values_list("pk", flat=True)
    ]
    assert sent == [True, False]
    assert mailoutbox[0].to == [cast.agent.user.email]
    assert "Complete the GDPR module" in mailoutbox[0].subject


def test_no_reminder_for_a_cancelled_onboarding(cast):
    today = timezone.localdate(timezone.now(), STOCKHOLM)
    onboarding = OnboardingFactory(employee=cast.agent, status=Onboarding.Status.CANCELLED)
    OnboardingTaskFactory(onboarding=onboarding, due_on=today + timedelta(days=1))
    assert reminder_sweep(now=shift_start(today, "Europe/Stockholm", "day") + timedelta(minutes=5)) == []


def test_the_weekly_digest_lists_onboardings_with_overdue_tasks(cast, mailoutbox):
    monday_noon = datetime.datetime(2026, 11, 23, 12, 0, tzinfo=datetime.UTC)
    with time_machine.travel(monday_noon, tick=False):
        onboarding = OnboardingFactory(employee=cast.agent, starts_on=datetime.date(2026, 11, 2))
        OnboardingTaskFactory.create_batch(2, onboarding=onboarding, due_on=datetime.date(2026, 11, 16))
        OnboardingTaskFactory(onboarding=onboarding, due_on=datetime.date(2026, 11, 30))
        ids = reminder_sweep(now=monday_noon)
        for pk in ids:
            reminder_send(reminder_id=pk, now=monday_noon + timedelta(hours=1))
    [digest] = [m for m in mailoutbox if m.to == [cast.leader.user.email]]
    assert f"{cast.agent.full_name}: 2 overdue tasks" in digest.body
    assert onboarding.get_absolute_url() in digest.body
    [other] = [m for m in mailoutbox if m.to == [cast.other_leader.user.email]]
    assert "overdue task" not in other.body
