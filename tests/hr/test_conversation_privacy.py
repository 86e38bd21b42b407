"""The conversation page and the person's overview follow the data-protection officer's decision for
HR, and show individual wellbeing scores to the person and their team leader only."""

import pytest
from django.urls import reverse

from hr.models import PrivacySettings
from tests.coaching.factories import ActionItemFactory, AgendaItemFactory, HeldConversationFactory

NOTES = "We talked about first-contact resolution."


@pytest.fixture
def conversation(cast):
    conversation = HeldConversationFactory(employee=cast.agent, energy=2, workload=5, wins="A great save")
    AgendaItemFactory(conversation=conversation, text="AGENDA-POINT my shifts")
    ActionItemFactory(conversation=conversation, text="ACTION-ITEM read the guide")
    return conversation


def page(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_hr_sees_only_that_the_conversation_happened_by_default(client, cast, conversation):
    html = page(client, cast.hr.user, conversation.get_absolute_url())
    for text in (NOTES, "A great save", "AGENDA-POINT", "ACTION-ITEM", "Energy 2 of 5"):
        assert text not in html
    assert "HR sees only that a conversation happened" in html
    overview = page(client, cast.hr.user, reverse("dashboards:employee_overview", args=[cast.agent.pk]))
    assert NOTES not in overview and "ACTION-ITEM" not in overview and "wellbeing-chart" not in overview


def test_hr_reads_the_shared_parts_where_the_officer_allows_but_no_wellbeing(client, cast, conversation):
    PrivacySettings(hr_conversation_access=PrivacySettings.HrConversationAccess.SUMMARY).save()
    html = page(client, cast.hr.user, conversation.get_absolute_url())
    for text in (NOTES, "A great save", "AGENDA-POINT", "ACTION-ITEM"):
        assert text in html
    assert "Energy 2 of 5" not in html


def test_the_manager_reads_the_summary_but_no_individual_wellbeing(client, cast, conversation):
    html = page(client, cast.manager.user, conversation.get_absolute_url())
    assert NOTES in html and "Energy 2 of 5" not in html
    overview = page(client, cast.manager.user, reverse("dashboards:employee_overview", args=[cast.agent.pk]))
    assert "wellbeing-chart" not in overview


@pytest.mark.parametrize("person", ["agent", "leader"])
def test_the_person_and_their_leader_read_everything_shared(client, cast, conversation, person):
    html = page(client, getattr(cast, person).user, conversation.get_absolute_url())
    for text in (NOTES, "A great save", "AGENDA-POINT", "ACTION-ITEM"):
        assert text in html
    overview = page(
        client, getattr(cast, person).user, reverse("dashboards:employee_overview", args=[cast.agent.pk])
    )
    assert "wellbeing-chart" in overview


def test_the_agent_reads_their_own_wellbeing_scores(client, cast, conversation):
    assert "Energy 2 of 5" in page(client, cast.agent.user, conversation.get_absolute_url())
