import datetime
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from coaching.models import Conversation
from goals.models import Expectation, Goal
from reminders.models import Reminder
from reminders.services import local_morning, reminder_send, reminder_sweep
from tests.coaching.factories import ConversationFactory, HeldConversationFactory, RhythmFactory
from tests.goals.factories import GoalFactory, acknowledge, make_expectation

pytestmark = pytest.mark.clock


@pytest.fixture(autouse=True)
def _without_the_weekly_digest(request, monkeypatch):
    """The digest is due for every leader every week; tests of the other rules leave it out."""
    if "digest" not in request.node.name:
        from reminders import services

        monkeypatch.setattr(
            services, "RULES", [rule for rule in services.RULES if rule is not services._weekly_digest]
        )


NOON_TOMORROW = (timezone.now() + timedelta(days=1)).replace(hour=12, minute=0, second=0, microsecond=0)


def test_a_conversation_reminder_is_sent_once_to_each_side(cast, mailoutbox):
    ConversationFactory(employee=cast.agent, scheduled_at=NOON_TOMORROW)
    ids = reminder_sweep(now=NOON_TOMORROW - timedelta(hours=20))
    assert reminder_sweep(now=NOON_TOMORROW - timedelta(hours=19)) == ids  # a second tick adds nothing
    for pk in ids + ids:  # the same id delivered twice
        reminder_send(reminder_id=pk)
    assert sorted(mail.to[0] for mail in mailoutbox) == sorted(
        [cast.agent.user.email, cast.leader.user.email]
    )


def test_nothing_is_due_before_its_time(cast):
    ConversationFactory(employee=cast.agent, scheduled_at=NOON_TOMORROW)
    assert reminder_sweep(now=NOON_TOMORROW - timedelta(hours=30)) == []


def test_a_cancelled_conversation_sends_no_reminder(cast, mailoutbox):
    conversation = ConversationFactory(employee=cast.agent, scheduled_at=NOON_TOMORROW)
    ids = reminder_sweep(now=NOON_TOMORROW - timedelta(hours=20))
    Conversation.objects.filter(pk=conversation.pk).update(status=Conversation.Status.CANCELLED)
    assert [reminder_send(reminder_id=pk) for pk in ids] == [False, False]
    assert mailoutbox == []


def test_a_reminder_goes_out_in_the_recipients_language_and_time_zone(cast, mailoutbox):
    cast.far_agent.language = "nb"
    cast.far_agent.save()
    ConversationFactory(employee=cast.far_agent, scheduled_at=NOON_TOMORROW)
    for pk in reminder_sweep(now=NOON_TOMORROW - timedelta(hours=20)):
        reminder_send(reminder_id=pk)
    to_agent = next(mail for mail in mailoutbox if mail.to == [cast.far_agent.user.email])
    local = timezone.localtime(NOON_TOMORROW, datetime.timezone(timedelta(hours=1)))
    assert "Påminnelse" in to_agent.subject
    assert f"{local:%H}:00" in to_agent.body or f"{local.hour}:00" in to_agent.body


def test_a_failed_send_gives_the_claim_back_for_the_retry(cast, monkeypatch):
    ConversationFactory(employee=cast.agent, scheduled_at=NOON_TOMORROW)
    pk = reminder_sweep(now=NOON_TOMORROW - timedelta(hours=20))[0]

    def broken(*args, **kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr("reminders.services.send_mail", broken)
    with pytest.raises(OSError):
        reminder_send(reminder_id=pk)
    assert Reminder.objects.get(pk=pk).claimed_at is None


def test_an_overdue_follow_up_reminds_the_leader_at_eight_in_their_site(cast, mailoutbox):
    rhythm = RhythmFactory(employee=cast.agent, cadence_days=14)
    HeldConversationFactory(employee=cast.agent, scheduled_at=timezone.now() - timedelta(days=30))
    now = timezone.now()
    ids = reminder_sweep(now=now)
    reminder = Reminder.objects.get(kind=Reminder.Kind.FOLLOW_UP_OVERDUE)
    assert reminder.recipient == cast.leader and reminder.object_id == rhythm.pk
    assert timezone.localtime(reminder.due_at, timezone.get_fixed_timezone(0)).hour in (
        6,
        7,
    )  # 08:00 CET/CEST
    for pk in ids:
        reminder_send(reminder_id=pk)
    assert "overdue" in mailoutbox[0].subject


def test_morning_follows_daylight_saving_time():
    summer = local_morning(datetime.date(2026, 7, 1), "Europe/Oslo")
    winter = local_morning(datetime.date(2026, 12, 1), "Europe/Oslo")
    assert summer.utcoffset() == timedelta(hours=2) and winter.utcoffset() == timedelta(hours=1)


def test_an_unconfirmed_summary_reminds_the_employee_until_confirmed(cast, mailoutbox):
    conversation = HeldConversationFactory(employee=cast.agent, held_at=timezone.now() - timedelta(days=3))
    ids = reminder_sweep(now=timezone.now())
    assert Reminder.objects.get(pk__in=ids).recipient == cast.agent
    Conversation.objects.filter(pk=conversation.pk).update(summary_confirmed_at=timezone.now())
    assert reminder_send(reminder_id=ids[0]) is False


def test_members_who_have_not_acknowledged_an_expectation_are_reminded(cast, mailoutbox):
    expectation = make_expectation(team=cast.team, author=cast.leader)
    organisation = make_expectation(scope=Expectation.Scope.ORGANISATION, title="Be kind")
    Expectation.objects.update(created_at=timezone.now() - timedelta(days=5))
    expectation.current_version.__class__.objects.update(created_at=timezone.now() - timedelta(days=5))
    acknowledge(cast.agent, expectation)
    reminder_sweep(now=timezone.now())
    team_reminders = Reminder.objects.filter(object_id=expectation.current_version_id)
    assert {r.recipient for r in team_reminders} == {cast.teammate}
    org_recipients = set(
        Reminder.objects.filter(object_id=organisation.current_version_id).values_list("recipient", flat=True)
    )
    assert cast.agent.pk in org_recipients and cast.hr.pk in org_recipients


def test_a_goal_agreed_by_the_leader_reminds_the_employee(cast):
    agreed = timezone.now() - timedelta(days=3)
    goal = GoalFactory(
        employee=cast.agent, status=Goal.Status.PROPOSED, employee_agreed_at=None, leader_agreed_at=agreed
    )
    reminder_sweep(now=timezone.now())
    reminder = Reminder.objects.get(kind=Reminder.Kind.GOAL_AWAITING_AGREEMENT)
    assert (reminder.recipient, reminder.object_id) == (cast.agent, goal.pk)


def test_the_reminders_page_shows_only_ones_own(client, cast):
    ConversationFactory(employee=cast.agent, scheduled_at=NOON_TOMORROW)
    for pk in reminder_sweep(now=NOON_TOMORROW - timedelta(hours=20)):
        reminder_send(reminder_id=pk)
    client.force_login(cast.agent.user)
    reminders = client.get(reverse("reminders:my_reminders")).context["reminders"]
    assert [r.recipient for r in reminders] == [cast.agent]


def test_the_sweep_is_one_query_per_rule_whatever_the_number_of_people(cast, django_assert_max_num_queries):
    from tests.factories import AgentFactory

    for agent in AgentFactory.create_batch(20, team=cast.team):
        ConversationFactory(employee=agent, scheduled_at=NOON_TOMORROW)
    with django_assert_max_num_queries(13):
        reminder_sweep(now=NOON_TOMORROW - timedelta(hours=20))


def test_each_leader_gets_one_weekly_digest_on_monday_morning(cast, mailoutbox):
    RhythmFactory(employee=cast.agent, cadence_days=14)
    monday_noon = datetime.datetime(2026, 11, 23, 12, 0, tzinfo=datetime.UTC)
    with_time = timezone.now
    try:
        timezone.now = lambda: monday_noon  # the staleness check reads the clock
        ids = reminder_sweep(now=monday_noon)
        assert reminder_sweep(now=monday_noon + timedelta(hours=3)) == ids
        for pk in ids:
            reminder_send(reminder_id=pk)
    finally:
        timezone.now = with_time
    digests = Reminder.objects.filter(kind=Reminder.Kind.WEEKLY_DIGEST)
    assert {r.recipient for r in digests} == {cast.leader, cast.other_leader, cast.far_leader}
    assert timezone.localtime(digests.get(recipient=cast.leader).due_at).hour == 7
    to_leader = next(mail for mail in mailoutbox if mail.to == [cast.leader.user.email])
    assert to_leader.subject == "Your team this week"
    assert cast.agent.full_name in to_leader.body  # never seen: overdue


def test_this_monday_morning_is_in_the_leaders_time_zone():
    from reminders.services import this_monday_morning

    sunday_night_utc = datetime.datetime(2026, 11, 29, 23, 30, tzinfo=datetime.UTC)  # Monday 00:30 in Oslo
    assert this_monday_morning(sunday_night_utc, "Europe/Oslo").date() == datetime.date(2026, 11, 30)


def test_an_old_unconfirmed_summary_is_left_to_the_dashboard(cast):
    HeldConversationFactory(employee=cast.agent, held_at=timezone.now() - timedelta(days=40))
    assert reminder_sweep(now=timezone.now()) == []


def test_an_action_item_reminds_its_owner_on_the_morning_it_is_due(cast, mailoutbox):
    from coaching.models import ActionItem
    from tests.coaching.factories import ActionItemFactory

    conversation = HeldConversationFactory(employee=cast.agent, summary_confirmed_at=timezone.now())
    today = timezone.localdate()
    mine = ActionItemFactory(conversation=conversation, owner=ActionItem.Owner.EMPLOYEE, due_on=today)
    leaders = ActionItemFactory(conversation=conversation, owner=ActionItem.Owner.LEADER, due_on=today)
    ActionItemFactory(conversation=conversation, due_on=today, completed_at=timezone.now())  # done
    ActionItemFactory(conversation=conversation, due_on=today - timedelta(days=30))  # long overdue
    ids = reminder_sweep(now=local_morning(today, "Europe/Stockholm") + timedelta(minutes=5))
    due = Reminder.objects.filter(pk__in=ids, kind=Reminder.Kind.ACTION_ITEM_DUE)
    assert {(r.object_id, r.recipient) for r in due} == {(mine.pk, cast.agent), (leaders.pk, cast.leader)}
    ActionItem.objects.filter(pk=leaders.pk).update(completed_at=timezone.now())  # ticked off before the send
    sent = [reminder_send(reminder_id=r.pk) for r in due.order_by("object_id")]
    assert sent == [True, False]
    assert mailoutbox[0].subject.startswith("Action item due:")
