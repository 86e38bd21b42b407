"""A leader's private note reaches its author and nobody else: not the employee, HR, the manager,
another leader, the admin site, the calendar files or e-mails."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.urls import NoReverseMatch, reverse

from coaching.mail import invitation_message, summary_message
from coaching.models import PrivateNote
from tests.coaching.factories import ConversationFactory, HeldConversationFactory, PrivateNoteFactory
from tests.factories import EmployeeFactory

SECRET = "SECRET-PRIVATE-NOTE"


@pytest.fixture
def conversation(cast):
    conversation = HeldConversationFactory(employee=cast.agent)
    PrivateNoteFactory(conversation=conversation)
    return conversation


def test_the_author_sees_their_private_note_in_the_notes_form(client, cast, conversation):
    client.force_login(cast.leader.user)
    response = client.get(conversation.get_absolute_url())
    assert SECRET in response.content.decode()
    assert "not to the employee, not to HR" in response.content.decode()
    assert "data-protection officer" in response.content.decode()


@pytest.mark.parametrize("viewer", ["agent", "hr", "manager"])
def test_readers_of_the_conversation_never_see_the_private_note(client, cast, conversation, viewer):
    client.force_login(getattr(cast, viewer).user)
    response = client.get(conversation.get_absolute_url())
    assert response.status_code == 200
    assert SECRET not in response.content.decode()
    assert response.context["private_note"] is None


def test_the_next_leader_of_the_team_sees_the_conversation_but_not_the_previous_leaders_note(
    client, cast, conversation
):
    cast.team.leader = cast.other_leader
    cast.team.save()
    client.force_login(cast.other_leader.user)
    response = client.get(conversation.get_absolute_url())
    assert response.status_code == 200
    assert response.context["can_change"] is True
    assert SECRET not in response.content.decode()


def test_saving_notes_touches_only_the_authors_own_private_note(client, cast, conversation):
    cast.team.leader = cast.other_leader
    cast.team.save()
    client.force_login(cast.other_leader.user)
    client.post(
        reverse("coaching:conversation_notes", args=[conversation.pk]),
        {"shared_notes": "x", "private_note": "Mine"},
    )
    notes = {note.author_id: note.text for note in PrivateNote.objects.all()}
    assert notes[cast.other_leader.pk] == "Mine"
    assert SECRET in notes[cast.leader.pk]


def test_another_leader_gets_not_found(client, cast, conversation):
    client.force_login(cast.other_leader.user)
    response = client.get(conversation.get_absolute_url())
    assert response.status_code == 404
    assert SECRET not in response.content.decode()


def test_authored_by_gives_nobody_else_a_note(cast, conversation):
    for viewer in (cast.agent, cast.hr, cast.manager, cast.other_leader):
        assert not PrivateNote.objects.authored_by(viewer.user).exists()
    assert not PrivateNote.objects.authored_by(cast.superuser).exists()
    assert PrivateNote.objects.authored_by(cast.leader.user).count() == 1


def test_the_admin_site_never_shows_the_text(client, cast, conversation):
    staff = EmployeeFactory(user__is_staff=True, user__username="staff").user
    staff.user_permissions.add(*Permission.objects.filter(codename__in=["view_conversation"]))
    for user in (staff, cast.superuser):
        client.force_login(user)
        response = client.get(reverse("admin:coaching_conversation_change", args=[conversation.pk]))
        assert response.status_code == 200
        assert SECRET not in response.content.decode()


def test_private_notes_have_no_admin_at_all():
    assert PrivateNote not in admin.site._registry
    with pytest.raises(NoReverseMatch):
        reverse("admin:coaching_privatenote_changelist")


def test_the_ics_and_the_calendar_feed_carry_no_private_note(client, cast):
    conversation = ConversationFactory(employee=cast.agent)
    PrivateNoteFactory(conversation=conversation)
    for viewer in (cast.leader, cast.agent):
        client.force_login(viewer.user)
        assert (
            SECRET
            not in client.get(reverse("coaching:conversation_ics", args=[conversation.pk])).content.decode()
        )
    client.force_login(cast.leader.user)
    client.post(reverse("coaching:calendar_rotate"))
    client.logout()
    feed = client.get(cast.leader.calendar_feed.get_absolute_url())
    assert feed.status_code == 200
    assert cast.agent.full_name in feed.content.decode()
    assert SECRET not in feed.content.decode()


def test_e_mails_carry_no_private_note(cast, mailoutbox):
    upcoming = ConversationFactory(employee=cast.agent)
    PrivateNoteFactory(conversation=upcoming)
    held = HeldConversationFactory(employee=cast.agent)
    PrivateNoteFactory(conversation=held)
    invitation_message(upcoming, recipient=cast.agent, now=upcoming.created_at).send()
    summary_message(held, recipient=cast.agent).send()
    assert len(mailoutbox) == 2
    for mail in mailoutbox:
        assert SECRET not in mail.subject + mail.body
        for _name, content, _type in mail.attachments:
            assert SECRET not in (content.decode() if isinstance(content, bytes) else content)
    assert held.shared_notes in mailoutbox[1].body
