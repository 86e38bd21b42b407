"""A repeated click, a second tab or a retried request changes an action item or a rhythm once."""

import datetime

from django.urls import reverse
from django.utils import timezone

from coaching import services
from coaching.models import Rhythm
from tests.coaching.factories import ActionItemFactory, HeldConversationFactory, RhythmFactory


def test_ticking_twice_keeps_the_first_completion_time(client, cast):
    item = ActionItemFactory(conversation=HeldConversationFactory(employee=cast.agent))
    first = timezone.now()
    assert services.action_item_tick(action_item=item, now=first)
    assert not services.action_item_tick(action_item=item, now=first + datetime.timedelta(minutes=1))
    item.refresh_from_db()
    assert item.completed_at == first


def test_a_second_tab_ticking_shows_the_item_done(client, cast):
    item = ActionItemFactory(conversation=HeldConversationFactory(employee=cast.agent))
    client.force_login(cast.agent.user)
    url = reverse("coaching:action_item_toggle", args=[item.pk])
    client.post(url, {"done": "1"})
    response = client.post(url, {"done": "1"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response.context["item"].completed_at is not None


def test_a_dropped_item_cannot_be_ticked_or_reopened(cast):
    item = ActionItemFactory(conversation=HeldConversationFactory(employee=cast.agent))
    now = timezone.now()
    assert services.action_item_drop(action_item=item, now=now)
    assert not services.action_item_drop(action_item=item, now=now + datetime.timedelta(minutes=1))
    assert not services.action_item_tick(action_item=item, now=now)
    assert not services.action_item_reopen(action_item=item)
    item.refresh_from_db()
    assert (item.dropped_at, item.completed_at) == (now, None)


def test_reopening_an_open_item_changes_nothing(cast):
    item = ActionItemFactory(conversation=HeldConversationFactory(employee=cast.agent))
    assert not services.action_item_reopen(action_item=item)


def test_resuming_twice_resumes_once(cast):
    today = timezone.localdate()
    RhythmFactory(employee=cast.agent, paused_on=today - datetime.timedelta(days=30))
    assert services.rhythm_resume(employee=cast.agent, today=today) == 1
    assert services.rhythm_resume(employee=cast.agent, today=today + datetime.timedelta(days=2)) == 0
    assert Rhythm.objects.get(employee=cast.agent).resumes_on == today


def test_resuming_after_a_pause_ended_by_itself_keeps_its_return_date(cast):
    today = timezone.localdate()
    back_on = today - datetime.timedelta(days=3)
    RhythmFactory(employee=cast.agent, paused_on=today - datetime.timedelta(days=30), resumes_on=back_on)
    assert services.rhythm_resume(employee=cast.agent, today=today) == 0
    assert Rhythm.objects.get(employee=cast.agent).resumes_on == back_on


def test_pausing_twice_with_the_same_dates_changes_nothing_the_second_time(cast):
    today = timezone.localdate()
    RhythmFactory(employee=cast.agent)
    pause = {"employee": cast.agent, "paused_on": today, "resumes_on": None, "reason": "Parental leave"}
    assert services.rhythm_pause(**pause) == 1
    assert services.rhythm_pause(**pause) == 0
