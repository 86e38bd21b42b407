import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from coaching.models import ActionItem, AgendaItem, Conversation, ConversationType, PrivateNote
from goals.models import KpiMeasurement, Metric
from tests.coaching.factories import (
    ActionItemFactory,
    ConversationFactory,
    HeldConversationFactory,
    conversation_type,
)


def notes(*actions, **extra):
    """The notes form as posted, with one row per action item in `actions` (dicts of text, owner,
    due_on) plus the empty row the page always shows."""
    rows = {}
    for index, action in enumerate(actions):
        rows.update({f"actions-{index}-{name}": value for name, value in action.items()})
    return {
        "shared_notes": "Good progress on FCR.",
        "energy": "4",
        "workload": "3",
        "wellbeing_comment": "A calm month.",
        "wins": "Praised by a customer for patience.",
        "private_note": "",
        "answer_0": "Two good weeks.",
        "actions-TOTAL_FORMS": str(len(actions) + 1),
        "actions-INITIAL_FORMS": "0",
        **rows,
        **extra,
    }


@pytest.fixture
def past_conversation(cast):
    return ConversationFactory(employee=cast.agent, scheduled_at=timezone.now() - datetime.timedelta(hours=1))


def test_employee_adds_an_agenda_item_with_htmx_and_gets_the_agenda_back(client, cast):
    conversation = ConversationFactory(employee=cast.agent)
    client.force_login(cast.agent.user)
    response = client.post(
        reverse("coaching:agenda_item_add", args=[conversation.pk]),
        {"text": "My schedule next month"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "coaching/_agenda.html"
    assert "My schedule next month" in response.content.decode()
    assert AgendaItem.objects.get().author == cast.agent


def test_agenda_item_without_javascript_redirects_back(client, cast):
    conversation = ConversationFactory(employee=cast.agent)
    client.force_login(cast.agent.user)
    response = client.post(
        reverse("coaching:agenda_item_add", args=[conversation.pk]),
        {"text": "Shift swap", "next": reverse("coaching:my_conversations")},
    )
    assert response.status_code == 302
    assert response.url == reverse("coaching:my_conversations")
    assert conversation.agenda_items.count() == 1


def test_leader_adds_to_the_agenda_too(client, cast):
    conversation = ConversationFactory(employee=cast.agent)
    client.force_login(cast.leader.user)
    client.post(reverse("coaching:agenda_item_add", args=[conversation.pk]), {"text": "Quality results"})
    assert conversation.agenda_items.get().author == cast.leader


def test_the_agenda_is_closed_after_the_conversation(client, cast):
    conversation = HeldConversationFactory(employee=cast.agent)
    client.force_login(cast.agent.user)
    client.post(reverse("coaching:agenda_item_add", args=[conversation.pk]), {"text": "Too late"})
    assert not conversation.agenda_items.exists()


def test_leader_saves_notes_answers_wellbeing_and_an_action_item(client, cast):
    conversation = ConversationFactory(employee=cast.agent)
    client.force_login(cast.leader.user)
    due = timezone.localdate() + datetime.timedelta(days=14)
    response = client.post(
        reverse("coaching:conversation_notes", args=[conversation.pk]),
        notes({"text": "Listen to two calls with the buddy", "owner": "employee", "due_on": due}),
    )
    assert response.status_code == 302
    conversation.refresh_from_db()
    assert (conversation.energy, conversation.workload) == (4, 3)
    assert conversation.wins == "Praised by a customer for patience."
    assert conversation.guiding_answers.get().answer == "Two good weeks."
    item = ActionItem.objects.get()
    assert (item.employee, item.owner, item.due_on) == (cast.agent, "employee", due)


def test_an_action_item_without_owner_is_refused_and_nothing_is_saved(client, cast):
    conversation = ConversationFactory(employee=cast.agent)
    client.force_login(cast.leader.user)
    response = client.post(
        reverse("coaching:conversation_notes", args=[conversation.pk]),
        notes({"text": "Something"}, private_note="A thought"),
    )
    assert response.status_code == 200
    assert "needs an owner" in response.content.decode()
    conversation.refresh_from_db()
    assert conversation.shared_notes == ""
    assert not ActionItem.objects.exists()
    assert not PrivateNote.objects.exists()


def test_a_wellbeing_score_outside_one_to_five_is_refused(client, cast):
    conversation = ConversationFactory(employee=cast.agent)
    client.force_login(cast.leader.user)
    response = client.post(reverse("coaching:conversation_notes", args=[conversation.pk]), notes(energy="9"))
    assert "energy" in response.context["notes_form"].errors
    conversation.refresh_from_db()
    assert conversation.energy is None


def test_coaching_session_records_the_interaction_and_quality_scores(client, cast):
    conversation = ConversationFactory(
        employee=cast.agent, conversation_type=conversation_type(ConversationType.Kind.COACHING)
    )
    client.force_login(cast.leader.user)
    data = notes(
        interaction_reference="CASE-4711",
        interaction_channel="call",
        interaction_on=timezone.localdate().isoformat(),
        score_0="5",
        score_3="2",
    )
    response = client.post(reverse("coaching:conversation_notes", args=[conversation.pk]), data)
    assert response.status_code == 302
    conversation.refresh_from_db()
    assert conversation.interaction_reference == "CASE-4711"
    assert conversation.interaction_channel == "call"
    criteria = conversation.conversation_type.criterion_list()
    assert {s.criterion: s.score for s in conversation.quality_scores.all()} == {
        criteria[0]: 5,
        criteria[3]: 2,
    }


def test_marking_held_freezes_the_latest_key_figures(
    client, cast, past_conversation, mailoutbox, django_capture_on_commit_callbacks
):
    metric, _ = Metric.objects.get_or_create(code="fcr", defaults={"name": "FCR", "unit": "%"})
    KpiMeasurement.objects.create(
        employee=cast.agent, metric=metric, period_end=datetime.date(2026, 1, 31), value=Decimal("71.50")
    )
    KpiMeasurement.objects.create(
        employee=cast.agent, metric=metric, period_end=datetime.date(2026, 2, 28), value=Decimal("74.25")
    )
    client.force_login(cast.leader.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("coaching:conversation_hold", args=[past_conversation.pk]))
    assert response.status_code == 302
    past_conversation.refresh_from_db()
    assert past_conversation.status == Conversation.Status.HELD
    assert past_conversation.held_at is not None
    [row] = past_conversation.kpi_snapshot
    assert row["value"] == "74.25"
    assert row["measured_on"] == "2026-02-28"
    assert row["metric_id"] == metric.pk
    assert past_conversation.summary_requested_at is None  # no shared notes: nothing to confirm
    assert mailoutbox == []  # owed e-mails go out through the reminder sweep, never from the request

    KpiMeasurement.objects.create(
        employee=cast.agent, metric=metric, period_end=datetime.date(2026, 3, 31), value=Decimal("80")
    )
    past_conversation.refresh_from_db()
    assert past_conversation.kpi_snapshot[0]["value"] == "74.25"  # frozen


def test_a_conversation_cannot_be_held_before_it_starts(client, cast):
    conversation = ConversationFactory(employee=cast.agent)
    client.force_login(cast.leader.user)
    client.post(reverse("coaching:conversation_hold", args=[conversation.pk]))
    conversation.refresh_from_db()
    assert conversation.status == Conversation.Status.SCHEDULED


def test_cancel_and_missed_bump_the_calendar_sequence(client, cast, past_conversation):
    upcoming = ConversationFactory(employee=cast.agent)
    client.force_login(cast.leader.user)
    client.post(reverse("coaching:conversation_cancel", args=[upcoming.pk]))
    client.post(reverse("coaching:conversation_miss", args=[past_conversation.pk]))
    upcoming.refresh_from_db()
    past_conversation.refresh_from_db()
    assert (upcoming.status, upcoming.calendar_sequence) == ("cancelled", 1)
    assert (past_conversation.status, past_conversation.calendar_sequence) == ("missed", 1)


def test_rescheduling_keeps_the_history_and_updates_the_sequence(client, cast):
    conversation = ConversationFactory(employee=cast.agent)
    old_time = conversation.scheduled_at
    client.force_login(cast.leader.user)
    new_day = timezone.localdate() + datetime.timedelta(days=10)
    response = client.post(
        reverse("coaching:conversation_reschedule", args=[conversation.pk]),
        {
            "scheduled_on": new_day.isoformat(),
            "start_time": "06:00",
            "duration_minutes": 45,
            "location": "Room 2",
        },
    )
    assert response.status_code == 302
    conversation.refresh_from_db()
    assert conversation.calendar_sequence == 1
    assert timezone.localtime(conversation.scheduled_at).date() == new_day
    assert old_time in [record.scheduled_at for record in conversation.history.all()]


def test_employee_confirms_the_summary_with_a_comment(client, cast):
    conversation = HeldConversationFactory(employee=cast.agent)
    client.force_login(cast.agent.user)
    response = client.post(
        reverse("coaching:conversation_confirm", args=[conversation.pk]),
        {"comment": "I also mentioned shifts."},
    )
    assert response.status_code == 302
    conversation.refresh_from_db()
    assert conversation.summary_confirmed_at is not None
    assert conversation.employee_comment == "I also mentioned shifts."
    assert not Conversation.objects.unconfirmed().exists()


def test_the_leader_cannot_confirm_for_the_employee(client, cast):
    conversation = HeldConversationFactory(employee=cast.agent)
    client.force_login(cast.leader.user)
    assert client.post(reverse("coaching:conversation_confirm", args=[conversation.pk])).status_code == 403
    assert Conversation.objects.unconfirmed().filter(pk=conversation.pk).exists()


def test_leader_sees_unconfirmed_summaries(client, cast):
    conversation = HeldConversationFactory(employee=cast.agent)
    client.force_login(cast.leader.user)
    response = client.get(reverse("coaching:leader_conversations"))
    assert list(response.context["unconfirmed"]) == [conversation]


def test_employee_ticks_own_action_item_with_htmx(client, cast):
    item = ActionItemFactory(conversation=HeldConversationFactory(employee=cast.agent))
    client.force_login(cast.agent.user)
    response = client.post(
        reverse("coaching:action_item_toggle", args=[item.pk]), {"done": "1"}, headers={"HX-Request": "true"}
    )
    assert [t.name for t in response.templates][0] == "coaching/_action_item_row.html"
    item.refresh_from_db()
    assert item.completed_at is not None
    assert not ActionItem.objects.open().exists()


def test_action_item_ticks_without_javascript_and_can_be_reopened(client, cast):
    item = ActionItemFactory(conversation=HeldConversationFactory(employee=cast.agent))
    client.force_login(cast.leader.user)
    response = client.post(reverse("coaching:action_item_toggle", args=[item.pk]), {"done": "1"})
    assert response.status_code == 302
    client.post(reverse("coaching:action_item_toggle", args=[item.pk]), {"done": "0"})
    item.refresh_from_db()
    assert item.completed_at is None


def test_hr_may_read_but_not_tick(client, cast):
    item = ActionItemFactory(conversation=HeldConversationFactory(employee=cast.agent))
    client.force_login(cast.hr.user)
    assert (
        client.post(reverse("coaching:action_item_toggle", args=[item.pk]), {"done": "1"}).status_code == 403
    )


def test_open_action_items_carry_over_until_done_or_dropped(client, cast):
    earlier = HeldConversationFactory(employee=cast.agent)
    open_item = ActionItemFactory(conversation=earlier, text="Carried over")
    ActionItemFactory(conversation=earlier, text="Finished", completed_at=timezone.now())
    dropped = ActionItemFactory(conversation=earlier, text="Dropped", dropped_at=timezone.now())
    upcoming = ConversationFactory(employee=cast.agent)
    client.force_login(cast.agent.user)
    response = client.get(upcoming.get_absolute_url())
    assert [item.pk for item in response.context["carried_over"]] == [open_item.pk]

    client.force_login(cast.leader.user)
    client.post(reverse("coaching:action_item_drop", args=[open_item.pk]))
    response = client.get(upcoming.get_absolute_url())
    assert response.context["carried_over"] == []
    assert dropped.dropped_at is not None


def test_action_item_queries_for_reminders(cast):
    earlier = HeldConversationFactory(employee=cast.agent)
    today = timezone.localdate()
    late = ActionItemFactory(conversation=earlier, due_on=today - datetime.timedelta(days=1))
    ActionItemFactory(conversation=earlier, due_on=today + datetime.timedelta(days=10))
    ActionItemFactory(conversation=earlier, due_on=today, completed_at=timezone.now())
    assert list(ActionItem.objects.open().due_by(today)) == [late]


def test_conversations_starting_between_is_for_scheduled_ones_only(cast):
    now = timezone.now()
    soon = ConversationFactory(employee=cast.agent, scheduled_at=now + datetime.timedelta(hours=2))
    ConversationFactory(
        employee=cast.agent,
        scheduled_at=now + datetime.timedelta(hours=3),
        status=Conversation.Status.CANCELLED,
    )
    ConversationFactory(employee=cast.agent, scheduled_at=now + datetime.timedelta(days=3))
    assert list(Conversation.objects.starting_between(now, now + datetime.timedelta(days=1))) == [soon]
