import pytest
from django.urls import reverse

from tests.coaching.factories import ActionItemFactory, ConversationFactory, HeldConversationFactory


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("nb", ["Mine samtaler", "Oppfølgingssamtale", "Mine oppfølgingspunkter", "Merk som utført"]),
        ("sv", ["Mina samtal", "Uppföljningssamtal", "Mina åtgärdspunkter", "Markera som klar"]),
    ],
)
def test_the_agents_page_speaks_their_language(client, cast, language, words):
    cast.agent.language = language
    cast.agent.save()
    ConversationFactory(employee=cast.agent)
    ActionItemFactory(conversation=HeldConversationFactory(employee=cast.agent))
    client.force_login(cast.agent.user)
    html = client.get(reverse("coaching:my_conversations")).content.decode()
    for word in words:
        assert word in html


def test_the_private_note_warning_is_translated(client, cast):
    cast.leader.language = "sv"
    cast.leader.save()
    conversation = HeldConversationFactory(employee=cast.agent)
    client.force_login(cast.leader.user)
    html = client.get(conversation.get_absolute_url()).content.decode()
    assert "dataskyddsombud" in html
    assert "Spara anteckningar" in html


def test_invitations_go_out_in_the_recipients_language(cast, mailoutbox):
    from coaching.mail import invitation_message

    cast.agent.language = "nb"
    cast.agent.save()
    conversation = ConversationFactory(employee=cast.agent)
    invitation_message(conversation, recipient=cast.agent, now=conversation.created_at).send()
    assert "Oppfølgingssamtale" in mailoutbox[0].subject
    assert "Hei " in mailoutbox[0].body
