"""Who reaches which coaching page: out of scope is 404 (nobody learns a row exists), in scope but
not allowed to change is 403."""

import pytest
from django.urls import reverse

import coaching.urls
from coaching.models import Conversation
from tests.coaching.factories import ActionItemFactory, ConversationFactory, HeldConversationFactory
from tests.policy import AGENT_RECORD_READERS

# Every view that takes a conversation's pk, with the method that does something there.
CONVERSATION_VIEWS = [
    ("conversation_detail", "get"),
    ("conversation_notes", "post"),
    ("conversation_hold", "post"),
    ("conversation_cancel", "post"),
    ("conversation_miss", "post"),
    ("conversation_reschedule", "get"),
    ("conversation_reschedule", "post"),
    ("conversation_confirm", "post"),
    ("agenda_item_add", "post"),
    ("conversation_ics", "get"),
]
ACTION_ITEM_VIEWS = [("action_item_toggle", "post"), ("action_item_drop", "post")]
EMPLOYEE_VIEWS = [
    ("rhythm_edit", "get"),
    ("rhythm_edit", "post"),
    ("rhythm_pause", "post"),
    ("rhythm_resume", "post"),
]


def test_every_coaching_view_is_covered_here():
    named = {name for name, _ in CONVERSATION_VIEWS + ACTION_ITEM_VIEWS + EMPLOYEE_VIEWS}
    pageless = {
        "my_conversations",
        "conversation_request",
        "leader_conversations",
        "conversation_schedule",
        "conversation_log",
        "calendar_settings",
        "calendar_rotate",
        "calendar_feed",
    }
    handover = {"team_handover", "handover_candidates", "handover_notes"}  # HR and leaders: test_handover.py
    assert named | pageless | handover == {pattern.name for pattern in coaching.urls.urlpatterns}
    assert set(coaching.urls.access) == named | pageless | handover


def call(client, method, name, pk):
    return getattr(client, method)(reverse(f"coaching:{name}", args=[pk]), {"text": "x", "done": "1"})


@pytest.mark.parametrize(("name", "method"), CONVERSATION_VIEWS)
def test_an_agent_gets_not_found_for_another_agents_conversation(client, cast, name, method):
    conversation = ConversationFactory(employee=cast.teammate)
    client.force_login(cast.agent.user)
    assert call(client, method, name, conversation.pk).status_code == 404


@pytest.mark.parametrize(("name", "method"), CONVERSATION_VIEWS)
def test_a_leader_gets_not_found_for_another_teams_conversation(client, cast, name, method):
    conversation = ConversationFactory(employee=cast.other_agent)
    client.force_login(cast.leader.user)
    assert call(client, method, name, conversation.pk).status_code == 404
    conversation.refresh_from_db()
    assert conversation.status == Conversation.Status.SCHEDULED
    assert not conversation.agenda_items.exists()


@pytest.mark.parametrize(("name", "method"), ACTION_ITEM_VIEWS)
@pytest.mark.parametrize("viewer", ["agent", "leader", "far_leader"])
def test_action_items_of_someone_out_of_scope_are_not_found(client, cast, name, method, viewer):
    item = ActionItemFactory(conversation=HeldConversationFactory(employee=cast.other_agent))
    client.force_login(getattr(cast, viewer).user)
    assert call(client, method, name, item.pk).status_code == 404
    item.refresh_from_db()
    assert item.is_open


@pytest.mark.parametrize(("name", "method"), EMPLOYEE_VIEWS)
def test_a_leader_gets_not_found_for_another_teams_rhythm(client, cast, name, method):
    client.force_login(cast.leader.user)
    assert call(client, method, name, cast.other_agent.pk).status_code == 404


@pytest.mark.parametrize(("name", "method"), EMPLOYEE_VIEWS)
def test_agents_and_managers_cannot_reach_rhythm_pages(client, cast, name, method):
    for viewer in (cast.agent, cast.manager):
        client.force_login(viewer.user)
        assert call(client, method, name, cast.agent.pk).status_code == 403


@pytest.mark.parametrize(("viewer", "status"), AGENT_RECORD_READERS)
def test_conversation_detail_visibility(client, cast, viewer, status):
    conversation = HeldConversationFactory(employee=cast.agent)
    client.force_login(getattr(cast, viewer).user)
    assert client.get(conversation.get_absolute_url()).status_code == status


@pytest.mark.parametrize("viewer", ["manager", "hr", "agent"])
@pytest.mark.parametrize(
    "name", ["conversation_notes", "conversation_hold", "conversation_cancel", "conversation_miss"]
)
def test_readers_and_the_employee_cannot_change_a_conversation(client, cast, viewer, name):
    conversation = ConversationFactory(employee=cast.agent)
    client.force_login(getattr(cast, viewer).user)
    assert client.post(reverse(f"coaching:{name}", args=[conversation.pk])).status_code == 403
    conversation.refresh_from_db()
    assert conversation.status == Conversation.Status.SCHEDULED


@pytest.mark.parametrize("viewer", ["manager", "hr"])
def test_readers_see_no_notes_form(client, cast, viewer):
    conversation = HeldConversationFactory(employee=cast.agent)
    client.force_login(getattr(cast, viewer).user)
    response = client.get(conversation.get_absolute_url())
    assert response.context["notes_form"] is None
    assert response.context["confirm_form"] is None
    # The manager reads the summary; HR only that the conversation happened, unless the
    # data-protection officer allows the summary too (hr.PrivacySettings, tests/hr/test_conversation_privacy.py).
    assert (conversation.shared_notes in response.content.decode()) == (viewer == "manager")


def test_leader_pages_refuse_agents(client, cast):
    client.force_login(cast.agent.user)
    for name in ("leader_conversations", "conversation_schedule", "conversation_log"):
        assert client.get(reverse(f"coaching:{name}")).status_code == 403


def test_users_without_employee_record_are_refused(client, cast):
    client.force_login(cast.no_employee)
    assert client.get(reverse("coaching:my_conversations")).status_code == 403


def test_a_superuser_without_employee_record_has_no_coaching_pages(client, cast):
    conversation = HeldConversationFactory(employee=cast.agent)
    client.force_login(cast.superuser)
    assert client.get(conversation.get_absolute_url()).status_code == 403
    for name in ("leader_conversations", "conversation_schedule", "conversation_log"):
        response = client.get(reverse(f"coaching:{name}"))
        assert [t.name for t in response.templates][0] == "people/no_employee.html"
