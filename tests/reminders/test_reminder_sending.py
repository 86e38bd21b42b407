"""Each kind of reminder: what makes it due, who gets it, when it stops applying, how it reads."""

import datetime
import zoneinfo
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from coaching.models import ActionItem, Conversation
from goals.models import Expectation, Goal
from reminders.kinds.weekly_digest import this_monday_morning
from reminders.models import Reminder
from reminders.rule import next_working_day, shift_start
from reminders.services import reminder_send, reminder_sweep
from tests.coaching.factories import (
    ActionItemFactory,
    ConversationFactory,
    HeldConversationFactory,
    RhythmFactory,
)
from tests.goals.factories import GoalFactory, acknowledge, make_expectation

pytestmark = pytest.mark.clock

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")


@pytest.fixture(autouse=True)
def _without_the_weekly_digest(request, monkeypatch):
    """The digest is due for every leader every week; tests of the other kinds leave it out."""
    if "digest" not in request.node.name:
        from reminders import kinds

        every = [kind for kind in kinds.every() if kind.key != "weekly_digest"]
        monkeypatch.setattr(kinds, "every", lambda: every)


def noon_tomorrow(zone=STOCKHOLM) -> datetime.datetime:
    """12:00 tomorrow in `zone`, read from the (possibly travelled) clock when the test runs."""
    tomorrow = timezone.localdate(timezone.now(), zone) + timedelta(days=1)
    return datetime.datetime.combine(tomorrow, datetime.time(12), tzinfo=zone)


def send_all(ids, now):
    return [reminder_send(reminder_id=pk, now=now) for pk in ids]


def test_a_conversation_reminder_is_sent_once_to_each_side(cast, mailoutbox):
    at = noon_tomorrow()
    ConversationFactory(employee=cast.agent, scheduled_at=at)
    ids = reminder_sweep(now=at - timedelta(hours=20))
    assert reminder_sweep(now=at - timedelta(hours=20, minutes=-1)) == []  # the next tick: nothing new
    send_all(ids + ids, at - timedelta(hours=20))  # the same ids delivered twice
    assert sorted(mail.to[0] for mail in mailoutbox) == sorted(
        [cast.agent.user.email, cast.leader.user.email]
    )


def test_nothing_is_due_before_its_time(cast):
    at = noon_tomorrow()
    ConversationFactory(employee=cast.agent, scheduled_at=at)
    assert reminder_sweep(now=at - timedelta(hours=30)) == []


def test_a_cancelled_conversation_sends_no_reminder(cast, mailoutbox):
    at = noon_tomorrow()
    conversation = ConversationFactory(employee=cast.agent, scheduled_at=at)
    now = at - timedelta(hours=20)
    ids = reminder_sweep(now=now)
    Conversation.objects.filter(pk=conversation.pk).update(status=Conversation.Status.CANCELLED)
    assert send_all(ids, now) == [False, False]
    assert mailoutbox == []


def test_a_reminder_goes_out_in_the_recipients_language_and_time_zone(cast, mailoutbox):
    cast.far_agent.language = "nb"
    cast.far_agent.save()
    at = noon_tomorrow(OSLO)
    ConversationFactory(employee=cast.far_agent, scheduled_at=at)
    send_all(reminder_sweep(now=at - timedelta(hours=20)), at - timedelta(hours=20))
    to_agent = next(mail for mail in mailoutbox if mail.to == [cast.far_agent.user.email])
    assert "Påminnelse" in to_agent.subject
    assert "12:00" in to_agent.body  # noon where the agent works, summer or winter


def test_a_failed_send_gives_the_claim_back_for_the_retry(cast, monkeypatch):
    at = noon_tomorrow()
    ConversationFactory(employee=cast.agent, scheduled_at=at)
    now = at - timedelta(hours=20)
    pk = reminder_sweep(now=now)[0]

    def broken(*args, **kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", broken)
    with pytest.raises(OSError):
        reminder_send(reminder_id=pk, now=now)
    assert Reminder.objects.get(pk=pk).claimed_at is None


def test_an_overdue_follow_up_reminds_the_leader_at_eight_in_their_site(cast, mailoutbox):
    now = timezone.now()
    rhythm = RhythmFactory(employee=cast.agent, cadence_days=14)
    HeldConversationFactory(employee=cast.agent, scheduled_at=now - timedelta(days=30))
    ids = reminder_sweep(now=now)
    reminder = Reminder.objects.get(kind="follow_up_overdue")
    assert reminder.recipient == cast.leader and reminder.object_id == rhythm.pk
    assert timezone.localtime(reminder.due_at, STOCKHOLM).time() == datetime.time(8)
    send_all(ids, now)
    assert "overdue" in mailoutbox[0].subject


def test_a_shift_start_follows_daylight_saving_time():
    summer = shift_start(datetime.date(2026, 7, 1), "Europe/Oslo", "day")
    winter = shift_start(datetime.date(2026, 12, 1), "Europe/Oslo", "day")
    assert summer.utcoffset() == timedelta(hours=2) and winter.utcoffset() == timedelta(hours=1)


def test_evening_and_night_agents_are_reminded_when_their_shift_starts():
    day = datetime.date(2027, 3, 3)
    starts = {
        shift: shift_start(day, "Europe/Helsinki", shift).time() for shift in ("day", "evening", "night")
    }
    assert starts == {"day": datetime.time(8), "evening": datetime.time(15), "night": datetime.time(22)}


def test_an_evening_agents_action_item_reminder_waits_for_their_shift(cast, mailoutbox):
    cast.agent.shift = cast.agent.Shift.EVENING
    cast.agent.save(update_fields=["shift"])
    today = timezone.localdate(timezone.now(), STOCKHOLM)
    conversation = HeldConversationFactory(employee=cast.agent, summary_confirmed_at=timezone.now())
    item = ActionItemFactory(conversation=conversation, owner=ActionItem.Owner.EMPLOYEE, due_on=today)
    morning = shift_start(today, "Europe/Stockholm", "day") + timedelta(minutes=5)
    assert not Reminder.objects.filter(pk__in=reminder_sweep(now=morning), object_id=item.pk).exists()
    afternoon = shift_start(today, "Europe/Stockholm", "evening") + timedelta(minutes=5)
    ids = reminder_sweep(now=afternoon)
    assert Reminder.objects.get(pk__in=ids, kind="action_item_due").recipient == cast.agent


def test_the_next_working_day_skips_the_weekend():
    friday, saturday = datetime.date(2027, 1, 15), datetime.date(2027, 1, 16)
    assert next_working_day(friday) == next_working_day(saturday) == datetime.date(2027, 1, 18)
    assert next_working_day(datetime.date(2027, 1, 18)) == datetime.date(2027, 1, 19)


def test_a_conversation_held_without_notes_reminds_the_leader_once_the_next_working_day(cast, mailoutbox):
    held_at = timezone.now() - timedelta(days=5)
    conversation = HeldConversationFactory(
        employee=cast.agent, scheduled_at=held_at, held_at=held_at, shared_notes=""
    )
    HeldConversationFactory(employee=cast.teammate, scheduled_at=held_at, held_at=held_at)  # has notes
    next_day = next_working_day(timezone.localdate(held_at, STOCKHOLM))
    due_at = shift_start(next_day, "Europe/Stockholm", cast.leader.shift)
    assert reminder_sweep(now=due_at - timedelta(minutes=1)) == []
    ids = reminder_sweep(now=due_at)
    [reminder] = Reminder.objects.filter(pk__in=ids)
    assert (reminder.kind, reminder.recipient, reminder.object_id) == (
        "notes_missing",
        cast.leader,
        conversation.pk,
    )
    send_all(ids, due_at)
    reminder_sweep(now=due_at + timedelta(days=1))
    assert Reminder.objects.filter(kind="notes_missing").count() == 1  # once
    assert mailoutbox[0].subject == f"Write the shared notes of your conversation with {cast.agent.full_name}"


def test_no_notes_reminder_once_the_notes_are_written(cast, mailoutbox):
    held_at = timezone.now() - timedelta(days=5)
    conversation = HeldConversationFactory(
        employee=cast.agent, scheduled_at=held_at, held_at=held_at, shared_notes=""
    )
    ids = reminder_sweep(now=timezone.now())
    Conversation.objects.filter(pk=conversation.pk).update(shared_notes="We talked about call wrap-up.")
    assert send_all(ids, timezone.now()) == [False]
    assert mailoutbox == []


def test_an_unconfirmed_summary_reminds_the_employee_until_confirmed(cast, mailoutbox):
    now = timezone.now()
    conversation = HeldConversationFactory(
        employee=cast.agent, scheduled_at=now - timedelta(days=3), held_at=now - timedelta(days=3)
    )
    ids = reminder_sweep(now=now)
    assert Reminder.objects.get(pk__in=ids).recipient == cast.agent
    Conversation.objects.filter(pk=conversation.pk).update(summary_confirmed_at=now)
    assert reminder_send(reminder_id=ids[0], now=now) is False


def test_members_who_have_not_acknowledged_an_expectation_are_reminded(cast, mailoutbox):
    now = timezone.now()
    expectation = make_expectation(team=cast.team, author=cast.leader)
    organisation = make_expectation(scope=Expectation.Scope.ORGANISATION, title="Be kind")
    Expectation.objects.update(created_at=now - timedelta(days=5))
    expectation.current_version.__class__.objects.update(created_at=now - timedelta(days=5))
    acknowledge(cast.agent, expectation)
    reminder_sweep(now=now)
    team_reminders = Reminder.objects.filter(object_id=expectation.current_version_id)
    assert {r.recipient for r in team_reminders} == {cast.teammate}
    org_recipients = set(
        Reminder.objects.filter(object_id=organisation.current_version_id).values_list("recipient", flat=True)
    )
    assert cast.agent.pk in org_recipients and cast.hr.pk in org_recipients


def test_a_goal_agreed_by_the_leader_reminds_the_employee(cast):
    now = timezone.now()
    goal = GoalFactory(
        employee=cast.agent,
        status=Goal.Status.PROPOSED,
        employee_agreed_at=None,
        leader_agreed_at=now - timedelta(days=3),
    )
    reminder_sweep(now=now)
    reminder = Reminder.objects.get(kind="goal_awaiting_agreement")
    assert (reminder.recipient, reminder.object_id) == (cast.agent, goal.pk)


def test_the_reminders_page_shows_only_ones_own(client, cast):
    at = noon_tomorrow()
    ConversationFactory(employee=cast.agent, scheduled_at=at)
    send_all(reminder_sweep(now=at - timedelta(hours=20)), at - timedelta(hours=20))
    client.force_login(cast.agent.user)
    reminders = client.get(reverse("reminders:my_reminders")).context["reminders"]
    assert [r.recipient for r in reminders] == [cast.agent]


@pytest.mark.parametrize("people", [1, 20])
def test_the_sweep_is_one_query_per_rule_whatever_the_number_of_people(
    cast, people, django_assert_max_num_queries
):
    from tests.factories import AgentFactory

    at = noon_tomorrow()
    for agent in AgentFactory.create_batch(people, team=cast.team):
        ConversationFactory(employee=agent, scheduled_at=at)
    now = at - timedelta(hours=20)
    # One query per kind (two for the goal kind, whose two sides wait on different people, for
    # expectations: the versions, then the audiences; three for trainings: the requirements and their sites
    # first), then the keys that exist, the insert, the
    # hand-out and its mark (and a savepoint around them); the same with 1 or 20 people.
    from reminders import kinds

    per_kind = len(kinds.every()) + 4
    with django_assert_max_num_queries(per_kind + 6):
        reminder_sweep(now=now)
    with django_assert_max_num_queries(per_kind + 4):  # a steady tick: nothing to insert, nothing to mark
        reminder_sweep(now=now + timedelta(minutes=1))


def test_each_leader_gets_one_weekly_digest_on_monday_morning(cast, mailoutbox):
    monday_noon = datetime.datetime(2026, 11, 23, 12, 0, tzinfo=datetime.UTC)
    with time_machine.travel(monday_noon, tick=False):  # the team's figures are of that week
        RhythmFactory(employee=cast.agent, cadence_days=14)
        ids = reminder_sweep(now=monday_noon)
        assert reminder_sweep(now=monday_noon + timedelta(minutes=1)) == []
        send_all(ids, monday_noon + timedelta(hours=3))
    digests = Reminder.objects.filter(kind="weekly_digest")
    assert {r.recipient for r in digests} == {cast.leader, cast.other_leader, cast.far_leader}
    assert timezone.localtime(digests.get(recipient=cast.leader).due_at, STOCKHOLM).time() == datetime.time(7)
    [to_leader] = [
        m for m in mailoutbox if m.to == [cast.leader.user.email] and m.subject == "Your team this week"
    ]
    assert cast.agent.full_name in to_leader.body  # never seen: overdue


def test_a_stale_weekly_digest_is_not_sent(cast, mailoutbox):
    monday_noon = datetime.datetime(2026, 11, 23, 12, 0, tzinfo=datetime.UTC)
    with time_machine.travel(monday_noon, tick=False):
        ids = reminder_sweep(now=monday_noon)
        assert send_all(ids, monday_noon + timedelta(days=3)) == [False] * len(ids)
    assert mailoutbox == []


def test_this_monday_morning_is_in_the_leaders_time_zone():
    sunday_night_utc = datetime.datetime(2026, 11, 29, 23, 30, tzinfo=datetime.UTC)  # Monday 00:30 in Oslo
    assert this_monday_morning(sunday_night_utc, "Europe/Oslo", "day").date() == datetime.date(2026, 11, 30)


def test_an_evening_leader_gets_the_weekly_digest_an_hour_before_their_shift(cast):
    cast.leader.shift = cast.leader.Shift.EVENING
    cast.leader.save(update_fields=["shift"])
    monday_evening = datetime.datetime(2026, 11, 23, 16, 0, tzinfo=STOCKHOLM)
    with time_machine.travel(monday_evening, tick=False):
        reminder_sweep(now=monday_evening)
    digest = Reminder.objects.get(kind="weekly_digest", recipient=cast.leader)
    assert timezone.localtime(digest.due_at, STOCKHOLM).time() == datetime.time(14)


def test_an_old_unconfirmed_summary_is_left_to_the_dashboard(cast):
    now = timezone.now()
    HeldConversationFactory(
        employee=cast.agent, scheduled_at=now - timedelta(days=40), held_at=now - timedelta(days=40)
    )
    assert reminder_sweep(now=now) == []


def test_an_action_item_reminds_its_owner_on_the_morning_it_is_due(cast, mailoutbox):
    today = timezone.localdate(timezone.now(), STOCKHOLM)
    conversation = HeldConversationFactory(employee=cast.agent, summary_confirmed_at=timezone.now())
    mine = ActionItemFactory(conversation=conversation, owner=ActionItem.Owner.EMPLOYEE, due_on=today)
    leaders = ActionItemFactory(conversation=conversation, owner=ActionItem.Owner.LEADER, due_on=today)
    ActionItemFactory(conversation=conversation, due_on=today, completed_at=timezone.now())  # done
    ActionItemFactory(conversation=conversation, due_on=today - timedelta(days=30))  # long overdue
    now = shift_start(today, "Europe/Stockholm", "day") + timedelta(minutes=5)
    ids = reminder_sweep(now=now)
    due = Reminder.objects.filter(pk__in=ids, kind="action_item_due")
    assert {(r.object_id, r.recipient) for r in due} == {(mine.pk, cast.agent), (leaders.pk, cast.leader)}
    ActionItem.objects.filter(pk=leaders.pk).update(completed_at=now)  # ticked off before the send
    assert send_all(due.order_by("object_id").values_list("pk", flat=True), now) == [True, False]
    assert mailoutbox[0].subject.startswith("Action item due:")
