"""A training that runs out within 30 days reminds the person and their leader, once per completion;
the leader's weekly digest counts their team's."""

import datetime
import zoneinfo
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from reminders import kinds
from reminders.kinds.training_expiring import kind as training_expiring
from reminders.models import Reminder
from reminders.rule import shift_start
from reminders.services import reminder_send, reminder_sweep
from tests.onboarding.training_helpers import completed, expiring_in, only

pytestmark = pytest.mark.clock
STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")


@pytest.fixture(autouse=True)
def _only_this_kind(request, monkeypatch):
    """Other kinds (the weekly digest is due for every leader) are tested elsewhere."""
    if "digest" not in request.node.name:
        monkeypatch.setattr(kinds, "every", lambda: [training_expiring])


def send_all(ids, now):
    return [reminder_send(reminder_id=pk, now=now) for pk in ids]


def test_the_person_and_their_leader_are_reminded_thirty_days_before_it_runs_out(cast, mailoutbox):
    only("aml")
    completion = expiring_in(cast.agent, days=20)
    now = timezone.now()

    ids = reminder_sweep(now=now)

    reminders = Reminder.objects.filter(kind="training_expiring")
    assert {r.recipient for r in reminders} == {cast.agent, cast.leader}
    assert {r.object_id for r in reminders} == {completion.pk}
    due = shift_start(completion.valid_until - timedelta(days=30), "Europe/Stockholm", "day")
    assert {r.due_at for r in reminders} == {due}
    assert reminder_sweep(now=now + timedelta(minutes=1)) == []  # recorded once
    assert send_all(ids, now) == [True, True]
    by_recipient = {m.to[0]: m for m in mailoutbox}
    assert by_recipient[cast.agent.user.email].subject == "Your training runs out soon: Anti-money laundering"
    to_leader = by_recipient[cast.leader.user.email]
    assert to_leader.subject == f"Training runs out soon: Anti-money laundering ({cast.agent.full_name})"
    assert f"/onboarding/trainings/people/{cast.agent.pk}/" in to_leader.body


@pytest.mark.parametrize("days", [31, 45, -1, -30])
def test_nothing_is_due_outside_the_thirty_days_before_the_last_valid_day(cast, days):
    only("aml")
    expiring_in(cast.agent, days=days)
    assert reminder_sweep(now=timezone.now()) == []


def test_a_renewed_training_is_not_reminded_again(cast, mailoutbox):
    only("aml")
    expiring_in(cast.agent, days=10)
    now = timezone.now()
    ids = reminder_sweep(now=now)
    completed(cast.agent, days_ago=0)  # renewed before the reminder went out
    assert send_all(ids, now) == [False, False]
    assert mailoutbox == []
    assert reminder_sweep(now=now + timedelta(minutes=1)) == []


def test_a_training_that_does_not_apply_or_a_person_who_left_is_not_reminded(cast):
    aml, complaints = only("aml", "complaints")
    aml.sites.set([cast.other_site])
    expiring_in(cast.agent, "aml", days=10)  # aml applies in Oslo only
    expiring_in(cast.hr, "complaints", days=10)  # complaints: agents and leaders
    cast.teammate.ended_on = timezone.localdate() - timedelta(days=1)
    cast.teammate.save()
    expiring_in(cast.teammate, "complaints", days=10)
    assert reminder_sweep(now=timezone.now()) == []


def test_the_weekly_digest_counts_the_teams_trainings_running_out(cast, mailoutbox):
    only("aml", "gdpr")
    monday_noon = datetime.datetime(2026, 11, 23, 12, 0, tzinfo=datetime.UTC)
    with time_machine.travel(monday_noon, tick=False):
        expiring_in(cast.agent, "aml", days=5)
        expiring_in(cast.teammate, "gdpr", days=25)
        expiring_in(cast.other_agent, "gdpr", days=25)  # another team
        ids = reminder_sweep(now=monday_noon)
        send_all(ids, monday_noon + timedelta(hours=1))
    [digest] = [
        m for m in mailoutbox if m.to == [cast.leader.user.email] and m.subject == "Your team this week"
    ]
    assert "2 mandatory trainings run out within 30 days" in digest.body
