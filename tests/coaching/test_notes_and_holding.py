"""Nothing the leader types is lost, holding and saving notes are one step, and the employee is asked
to confirm a summary only when there is one: once, and again after it changed."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from coaching import services
from coaching.models import ActionItem, Conversation, PrivateNote
from tests.coaching.factories import ConversationFactory, HeldConversationFactory


def notes(*actions, **extra):
    """The notes form as the page posts it: every field, one row per action item and an empty row."""
    rows = {}
    for index, action in enumerate(actions):
        rows.update({f"actions-{index}-{name}": value for name, value in action.items()})
    return {
        "shared_notes": "We agreed on two evening shifts a week.",
        "energy": "4",
        "workload": "3",
        "wellbeing_comment": "",
        "wins": "A customer wrote to thank her.",
        "private_note": "PRIVATE-TYPED ask about sleep",
        "answer_0": "Two good weeks.",
        "actions-TOTAL_FORMS": str(len(actions) + 1),
        "actions-INITIAL_FORMS": "0",
        **rows,
        **extra,
    }


SWAP = {"text": "Swap the Friday late shift", "owner": "employee", "due_on": ""}
BUDDY = {"text": "Listen to two calls with the buddy", "owner": "leader", "due_on": ""}


@pytest.fixture
def started(cast):
    """A scheduled conversation that began 40 minutes ago."""
    return ConversationFactory(
        employee=cast.agent, scheduled_at=timezone.now() - datetime.timedelta(minutes=40)
    )


@pytest.fixture
def leader_client(client, cast):
    client.force_login(cast.leader.user)
    return client


def hold_url(conversation):
    return reverse("coaching:conversation_hold", args=[conversation.pk])


def notes_url(conversation):
    return reverse("coaching:conversation_notes", args=[conversation.pk])


def test_save_and_mark_as_held_saves_every_typed_value_and_asks_for_confirmation(
    leader_client, cast, started, mailoutbox
):
    response = leader_client.post(hold_url(started), notes(SWAP, BUDDY))
    assert response.status_code == 302
    started.refresh_from_db()
    assert started.status == Conversation.Status.HELD
    assert started.shared_notes == "We agreed on two evening shifts a week."
    assert started.guiding_answers.get().answer == "Two good weeks."
    assert PrivateNote.objects.get().text == "PRIVATE-TYPED ask about sleep"
    assert sorted(ActionItem.objects.values_list("text", flat=True)) == sorted([SWAP["text"], BUDDY["text"]])
    assert started.summary_requested_at == started.held_at
    assert mailoutbox == []  # the reminder sweep sends the request


def test_held_with_empty_shared_notes_asks_nobody_to_confirm(leader_client, cast, started):
    leader_client.post(hold_url(started), notes(shared_notes=""))
    started.refresh_from_db()
    assert started.status == Conversation.Status.HELD
    assert started.summary_requested_at is None
    assert not Conversation.objects.unconfirmed().exists()
    leader_client.force_login(cast.agent.user)
    response = leader_client.get(started.get_absolute_url())
    assert response.context["confirm_form"] is None
    assert "Confirm summary" not in response.content.decode()
    assert leader_client.get(reverse("coaching:my_conversations")).context["to_confirm"] == []


def test_the_page_has_no_button_that_holds_without_the_typed_notes(leader_client, started):
    page = leader_client.get(started.get_absolute_url()).content.decode()
    assert "Save and mark as held" in page
    # The only way to the held URL is the notes form's second submit button.
    assert page.count(hold_url(started)) == 1
    assert f'formaction="{hold_url(started)}"' in page


def test_validation_errors_re_show_every_typed_value_the_private_note_included(leader_client, started):
    response = leader_client.post(hold_url(started), notes(SWAP, {"text": "No owner yet"}, energy="9"))
    assert response.status_code == 200
    page = response.content.decode()
    for typed in (
        "PRIVATE-TYPED ask about sleep",
        "We agreed on two evening shifts",
        SWAP["text"],
        "No owner yet",
    ):
        assert typed in page
    assert "needs an owner" in page
    started.refresh_from_db()
    assert started.status == Conversation.Status.SCHEDULED
    assert not PrivateNote.objects.exists()
    assert not ActionItem.objects.exists()


def test_add_another_action_item_without_javascript_keeps_what_was_typed(leader_client, started):
    response = leader_client.post(notes_url(started), notes(SWAP, add_action="1"))
    assert response.status_code == 200
    formset = response.context["action_forms"]
    assert len(formset.forms) == 3  # the typed row, the empty row, and one more
    page = response.content.decode()
    assert SWAP["text"] in page and "PRIVATE-TYPED ask about sleep" in page
    assert not ActionItem.objects.exists()  # adding a row saves nothing yet
    started.refresh_from_db()
    assert started.shared_notes == ""


def test_add_another_action_item_with_htmx_swaps_only_the_rows(leader_client, started):
    page = leader_client.get(started.get_absolute_url()).content.decode()
    assert 'hx-select="#action-items"' in page
    response = leader_client.post(
        notes_url(started), notes(SWAP, add_action="1"), headers={"HX-Request": "true"}
    )
    assert 'id="action-items"' in response.content.decode()


def test_several_action_items_in_one_save(leader_client, cast, started):
    leader_client.post(notes_url(started), notes(SWAP, BUDDY))
    assert ActionItem.objects.filter(conversation=started, employee=cast.agent).count() == 2


def test_a_bare_post_to_held_keeps_the_saved_notes(leader_client, cast, started):
    started.shared_notes = "Saved earlier."
    started.save()
    leader_client.post(hold_url(started))
    started.refresh_from_db()
    assert (started.status, started.shared_notes) == (Conversation.Status.HELD, "Saved earlier.")
    assert started.summary_requested_at is not None


def test_holding_twice_holds_once_and_keeps_the_first_time(cast, started):
    first = timezone.now()
    later = first + datetime.timedelta(minutes=5)
    assert services.conversation_hold(
        conversation=started,
        author=cast.leader,
        notes=services.ConversationNotes(shared_notes="A"),
        now=first,
    )
    assert not services.conversation_hold(
        conversation=started,
        author=cast.leader,
        notes=services.ConversationNotes(shared_notes="A, B"),
        now=later,
    )
    started.refresh_from_db()
    assert (started.held_at, started.summary_requested_at, started.shared_notes) == (first, first, "A, B")


def test_notes_written_after_holding_ask_once(cast):
    conversation = HeldConversationFactory(employee=cast.agent, shared_notes="")
    now = timezone.now()
    for minutes, text in ((0, "First"), (5, "First, and more")):
        services.conversation_notes_save(
            conversation=conversation,
            author=cast.leader,
            notes=services.ConversationNotes(shared_notes=text),
            now=now + datetime.timedelta(minutes=minutes),
        )
    conversation.refresh_from_db()
    assert conversation.summary_requested_at == now  # not confirmed yet: the one request stands


def confirm(conversation, employee, now):
    return services.conversation_confirm(conversation=conversation, employee=employee, comment="", now=now)


def test_notes_changed_after_confirmation_are_confirmed_again_and_the_employee_sees_what_changed(
    client, cast
):
    conversation = HeldConversationFactory(employee=cast.agent, shared_notes="Two evening shifts a week.")
    now = timezone.now()
    assert confirm(conversation, cast.agent, now)
    client.force_login(cast.leader.user)
    client.post(notes_url(conversation), notes(shared_notes="Three evening shifts a week."))
    conversation.refresh_from_db()
    assert conversation.summary_confirmed_at is None
    assert conversation.summary_requested_at > now

    client.force_login(cast.agent.user)
    response = client.get(conversation.get_absolute_url())
    assert response.context["notes_changes"] == [
        ("delete", "Two"),
        ("insert", "Three"),
        ("equal", " evening shifts a week."),
    ]
    page = response.content.decode()
    assert "<del>Two</del><ins>Three</ins>" in page
    assert "Confirm summary" in page
    versions = set(conversation.history.values_list("shared_notes", flat=True))
    assert {"Two evening shifts a week.", "Three evening shifts a week."} <= versions

    assert confirm(conversation, cast.agent, timezone.now())
    assert client.get(conversation.get_absolute_url()).context["notes_changes"] is None


def test_saving_unchanged_shared_notes_keeps_the_confirmation(client, cast):
    conversation = HeldConversationFactory(employee=cast.agent, shared_notes="Two evening shifts a week.")
    confirm(conversation, cast.agent, timezone.now())
    client.force_login(cast.leader.user)
    client.post(notes_url(conversation), notes(shared_notes="Two evening shifts a week.", wins="Praise"))
    conversation.refresh_from_db()
    assert conversation.summary_confirmed_at is not None
    assert conversation.summary_requested_at is None


def test_confirming_twice_keeps_the_first_time_and_updates_the_comment(client, cast):
    conversation = HeldConversationFactory(employee=cast.agent)
    client.force_login(cast.agent.user)
    url = reverse("coaching:conversation_confirm", args=[conversation.pk])
    client.post(url, {"comment": "First"})
    conversation.refresh_from_db()
    first = conversation.summary_confirmed_at
    response = client.post(url, {"comment": "Second"}, follow=True)
    assert "Your comment was saved." in response.content.decode()
    conversation.refresh_from_db()
    assert (conversation.summary_confirmed_at, conversation.employee_comment) == (first, "Second")


def test_an_empty_summary_cannot_be_confirmed(client, cast):
    conversation = HeldConversationFactory(employee=cast.agent, shared_notes="")
    client.force_login(cast.agent.user)
    response = client.post(reverse("coaching:conversation_confirm", args=[conversation.pk]), follow=True)
    assert response.status_code == 200
    assert "There is no summary to confirm yet." in response.content.decode()
    conversation.refresh_from_db()
    assert conversation.summary_confirmed_at is None


@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("conversation_cancel", Conversation.Status.HELD),
        ("conversation_miss", Conversation.Status.CANCELLED),
        ("conversation_hold", Conversation.Status.MISSED),
        ("conversation_hold", Conversation.Status.CANCELLED),
    ],
)
def test_changing_a_conversation_in_another_state_answers_with_a_message(leader_client, cast, name, status):
    conversation = ConversationFactory(
        employee=cast.agent, status=status, scheduled_at=timezone.now() - datetime.timedelta(hours=1)
    )
    response = leader_client.post(reverse(f"coaching:{name}", args=[conversation.pk]), follow=True)
    assert response.status_code == 200
    assert "This conversation is no longer scheduled." in response.content.decode()
    conversation.refresh_from_db()
    assert conversation.status == status


def test_cancelling_twice_cancels_once(cast):
    conversation = ConversationFactory(employee=cast.agent)
    now = timezone.now()
    assert services.conversation_cancel(conversation=conversation, now=now)
    assert not services.conversation_cancel(
        conversation=conversation, now=now + datetime.timedelta(minutes=1)
    )
    conversation.refresh_from_db()
    assert (conversation.calendar_sequence, conversation.invitation_changed_at) == (1, now)


def test_moving_a_cancelled_conversation_is_refused(leader_client, cast):
    conversation = ConversationFactory(employee=cast.agent)
    services.conversation_cancel(conversation=conversation, now=timezone.now())
    with pytest.raises(services.ValidationError):
        services.conversation_reschedule(
            conversation=conversation,
            scheduled_at=timezone.now() + datetime.timedelta(days=2),
            duration_minutes=30,
            location="",
            now=timezone.now(),
        )


def test_every_booking_change_records_the_invitation_owed(cast):
    conversation = ConversationFactory(employee=cast.agent)
    moved_at = timezone.now()
    services.conversation_reschedule(
        conversation=conversation,
        scheduled_at=moved_at + datetime.timedelta(days=3),
        duration_minutes=45,
        location="Room 2",
        now=moved_at,
    )
    conversation.refresh_from_db()
    assert conversation.invitation_changed_at == moved_at
