"""Each person chooses how a kind of reminder reaches them: by e-mail when due, in one e-mail a day,
or only on the reminders page; what compliance requires cannot be switched off."""

import datetime
import zoneinfo
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from coaching.models import ActionItem
from reminders.kinds.daily_digest import next_digest_at
from reminders.models import Delivery, NotificationPreference, Reminder
from reminders.rule import shift_start
from reminders.services import reminder_send, reminder_sweep
from tests.coaching.factories import ActionItemFactory, HeldConversationFactory

pytestmark = pytest.mark.clock

STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")
PAGE = reverse("reminders:preferences")


@pytest.fixture(autouse=True)
def _without_the_weekly_digest(monkeypatch):
    from reminders import kinds

    every = [kind for kind in kinds.every() if kind.key != "weekly_digest"]
    monkeypatch.setattr(kinds, "every", lambda: every)


def action_items_due_today(cast, count=2):
    today = timezone.localdate(timezone.now(), STOCKHOLM)
    conversation = HeldConversationFactory(employee=cast.agent, summary_confirmed_at=timezone.now())
    for _ in range(count):
        ActionItemFactory(conversation=conversation, owner=ActionItem.Owner.EMPLOYEE, due_on=today)
    return shift_start(today, "Europe/Stockholm", "day") + timedelta(minutes=1)


def send(ids, now):
    return [reminder_send(reminder_id=pk, now=now) for pk in ids]


def test_a_reminder_chosen_for_the_app_only_is_listed_but_not_mailed(client, cast, mailoutbox):
    NotificationPreference.objects.create(
        employee=cast.agent, kind="action_item_due", delivery=Delivery.IN_APP
    )
    now = action_items_due_today(cast, count=1)
    send(reminder_sweep(now=now), now)
    reminder = Reminder.objects.get(kind="action_item_due")
    assert (reminder.delivery, reminder.sent_at) == (Delivery.IN_APP, now)
    assert mailoutbox == []
    client.force_login(cast.agent.user)
    assert reminder.subject in client.get(reverse("reminders:my_reminders")).content.decode()


def test_reminders_chosen_for_the_daily_digest_come_in_one_e_mail_an_hour_into_the_shift(cast, mailoutbox):
    NotificationPreference.objects.create(
        employee=cast.agent, kind="action_item_due", delivery=Delivery.DIGEST
    )
    now = action_items_due_today(cast)
    assert send(reminder_sweep(now=now), now) == [False, False]  # held for the digest
    assert mailoutbox == []
    digest_at = now - timedelta(minutes=1) + timedelta(hours=1)
    assert reminder_sweep(now=digest_at - timedelta(minutes=1)) == []
    ids = reminder_sweep(now=digest_at)
    assert send(ids + ids, digest_at) == [True, False]
    [mail] = mailoutbox
    assert mail.subject == "2 reminders for today" and mail.to == [cast.agent.user.email]
    assert mail.body.count("/reminders/") >= 2
    held = Reminder.objects.filter(kind="action_item_due")
    assert {(r.delivery, r.sent_at) for r in held} == {(Delivery.DIGEST, digest_at)}
    assert reminder_sweep(now=digest_at + timedelta(days=1)) == []  # nothing held any more


def test_a_held_reminder_that_no_longer_applies_is_left_out_of_the_digest(cast, mailoutbox):
    NotificationPreference.objects.create(
        employee=cast.agent, kind="action_item_due", delivery=Delivery.DIGEST
    )
    now = action_items_due_today(cast, count=1)
    send(reminder_sweep(now=now), now)
    ActionItem.objects.update(completed_at=now)
    digest_at = now + timedelta(hours=1)
    assert send(reminder_sweep(now=digest_at), digest_at) == [False]
    assert mailoutbox == []
    assert Reminder.objects.get(kind="action_item_due").skipped_at == digest_at


def test_the_next_digest_is_tomorrow_when_todays_has_gone():
    zone = "Europe/Oslo"
    today = datetime.date(2027, 3, 26)
    before = shift_start(today, zone, "evening")
    assert next_digest_at(before, zone, "evening") == before + timedelta(hours=1)
    late = before + timedelta(hours=3)
    assert next_digest_at(late, zone, "evening") == shift_start(
        today + timedelta(days=1), zone, "evening"
    ) + timedelta(hours=1)


def test_a_person_saves_their_choices_on_the_page(client, cast):
    client.force_login(cast.agent.user)
    page = client.get(PAGE).content.decode()
    assert "Action item due" in page and "Invitation to a conversation" not in page
    response = client.post(PAGE, {"action_item_due": "digest", "expectation_unacknowledged": "email"})
    assert response.status_code == 302
    assert dict(NotificationPreference.objects.values_list("kind", "delivery")) == {
        "action_item_due": "digest"
    }
    client.post(PAGE, {"action_item_due": "email"})
    assert not NotificationPreference.objects.exists()  # e-mail is the default, no row


def test_what_compliance_requires_cannot_be_switched_off(client, cast):
    cast.agent.language = "nb"
    cast.agent.save(update_fields=["language"])
    client.force_login(cast.agent.user)
    response = client.post(PAGE, {"expectation_unacknowledged": "in_app", "action_item_due": "in_app"})
    assert response.status_code == 200
    assert "Velg et gyldig valg" in response.content.decode()
    assert not NotificationPreference.objects.exists()  # the valid choice beside it is not saved either
    assert "in_app" not in [
        value for value, _label in response.context["form"].fields["expectation_unacknowledged"].choices
    ]


def test_a_persons_choices_are_their_own(client, cast):
    NotificationPreference.objects.create(
        employee=cast.teammate, kind="action_item_due", delivery=Delivery.IN_APP
    )
    client.force_login(cast.agent.user)
    form = client.get(PAGE).context["form"]
    assert form["action_item_due"].initial == Delivery.EMAIL
