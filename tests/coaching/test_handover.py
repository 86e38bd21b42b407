"""A team changes leader: HR's handover page lists what moves, and one step moves it, all or nothing.
Booked conversations go to the new leader (invited) and the employee is told; handover notes reach
the new leader (HR sees only that they exist); private notes stay with their author."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from coaching.forms import CANDIDATES_OFFERED, NOTE_MAX_LENGTH
from coaching.handover import handover_note_save, handover_plan, team_handover
from coaching.models import Conversation, HandoverNote, PrivateNote
from goals.models import Goal
from people.models import PositionChange, Role, Team
from tests.coaching.factories import (
    ActionItemFactory,
    ConversationFactory,
    HeldConversationFactory,
    PrivateNoteFactory,
)
from tests.factories import EmployeeFactory
from tests.goals.factories import GoalFactory
from tests.reminders.helpers import sweep_and_send


@pytest.fixture
def successor(cast):
    """A team leader at the same site who will take the Cards team over."""
    return EmployeeFactory(
        role=Role.TEAM_LEADER, title="Team leader", site=cast.site, user__username="successor"
    )


@pytest.fixture
def cards(cast):
    """What the Cards team's leader has going with the agent: a booking, an old one that has passed, an
    open action item, a goal awaiting the leader, a private note, and a handover note."""
    now = timezone.now()
    held = HeldConversationFactory(employee=cast.agent)
    PrivateNoteFactory(conversation=held, text="PRIVATE-NOTE-TEXT moving house")
    return {
        "booked": ConversationFactory(employee=cast.agent, scheduled_at=now + datetime.timedelta(days=2)),
        "passed": ConversationFactory(employee=cast.teammate, scheduled_at=now - datetime.timedelta(days=2)),
        "held": held,
        "action_item": ActionItemFactory(conversation=held, text="Listen to two calls together"),
        "goal": GoalFactory(
            employee=cast.agent,
            title="Coach a new colleague",
            status=Goal.Status.PROPOSED,
            leader_agreed_at=None,
        ),
        "note": handover_note_save(
            leader=cast.leader, employee=cast.agent, text="HANDOVER-NOTE-TEXT wants to become a trainer"
        ),
    }


def hand_over(cast, to, *, expected=None, notes=None, now=None):
    return team_handover(
        team=Team.objects.get(pk=cast.team.pk),
        new_leader=to,
        expected_leader_id=cast.leader.pk if expected is None else expected,
        by=cast.hr,
        notes=notes or {},
        now=now or timezone.now(),
    )


def test_the_plan_lists_what_moves(cast, cards):
    plan = handover_plan(team=cast.team, now=timezone.now())
    assert plan.conversations == [cards["booked"]]  # not the one that has passed
    assert plan.action_items == [cards["action_item"]]
    assert plan.goals == [cards["goal"]]
    assert plan.noted == {cast.agent.pk}
    assert set(plan.members) == {cast.agent, cast.teammate}


def test_hr_sees_what_moves_and_that_a_note_exists_but_not_its_text(client, cast, cards):
    client.force_login(cast.hr.user)
    response = client.get(reverse("coaching:team_handover", args=[cast.team.pk]))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Listen to two calls together" in content
    assert "Coach a new colleague" in content
    assert "note written" in content
    assert "HANDOVER-NOTE-TEXT" not in content
    assert "PRIVATE-NOTE-TEXT" not in content


def test_the_handover_moves_bookings_and_notes_and_both_people_are_invited(
    cast, cards, successor, mailoutbox
):
    now = timezone.now()
    done = hand_over(cast, successor, notes={cast.teammate.pk: "HR-NOTE works nights"}, now=now)

    assert (done.previous_leader, done.conversations, done.notes) == (cast.leader, 1, 2)
    assert Team.objects.get(pk=cast.team.pk).leader == successor
    booked = Conversation.objects.get(pk=cards["booked"].pk)
    assert booked.leader == successor
    assert booked.calendar_sequence == 1 and booked.invitation_changed_at == now == booked.handed_over_at
    assert Conversation.objects.get(pk=cards["passed"].pk).leader == cast.leader  # history stays as it was
    assert booked.history.first().history_change_reason == "handover"
    received = HandoverNote.objects.filter(to_leader=successor)
    assert {(note.employee, note.written_by) for note in received} == {
        (cast.agent, cast.leader),
        (cast.teammate, cast.hr),
    }
    private = PrivateNote.objects.get(conversation=cards["held"])
    assert private.author == cast.leader  # private notes stay with their author

    sweep_and_send(now)
    invitations = {mail.to[0]: mail for mail in mailoutbox if mail.attachments}
    assert set(invitations) == {cast.agent.email, successor.email}
    assert successor.full_name in invitations[cast.agent.email].body  # the employee is told who leads it now
    assert "PRIVATE-NOTE-TEXT" not in "".join(mail.body for mail in mailoutbox)
    sweep_and_send(now + datetime.timedelta(minutes=5))
    assert len([mail for mail in mailoutbox if mail.attachments]) == 2  # once each


def test_a_member_promoted_to_leader_gets_a_position_change_and_keeps_their_own_bookings(cast, cards):
    own = ConversationFactory(
        employee=cast.teammate, scheduled_at=timezone.now() + datetime.timedelta(days=3)
    )
    hand_over(cast, cast.teammate)

    cast.teammate.refresh_from_db()
    assert cast.teammate.role == Role.TEAM_LEADER
    change = PositionChange.objects.get(employee=cast.teammate)
    assert (change.role, change.team, change.recorded_by) == (Role.TEAM_LEADER, cast.team, cast.hr.user)
    assert Conversation.objects.get(pk=own.pk).leader == cast.leader  # not led by themself
    assert Conversation.objects.get(pk=cards["booked"].pk).leader == cast.teammate


def test_a_second_submit_changes_nothing_more(cast, cards, successor):
    hand_over(cast, successor)
    with pytest.raises(ValidationError, match="was changed while you had this page open"):
        hand_over(cast, cast.other_leader)
    assert Team.objects.get(pk=cast.team.pk).leader == successor
    assert Conversation.objects.get(pk=cards["booked"].pk).calendar_sequence == 1


def test_nothing_is_half_done_when_a_note_is_about_someone_outside_the_team(cast, cards, successor):
    with pytest.raises(ValidationError):
        hand_over(cast, successor, notes={cast.other_agent.pk: "Not in this team"})
    assert Team.objects.get(pk=cast.team.pk).leader == cast.leader
    assert Conversation.objects.get(pk=cards["booked"].pk).leader == cast.leader
    assert not PositionChange.objects.exists()


def test_hr_hands_a_team_over_on_the_page_and_a_repeat_is_told(client, cast, cards, successor):
    client.force_login(cast.hr.user)
    url = reverse("coaching:team_handover", args=[cast.team.pk])
    data = {
        "new_leader": successor.pk,
        "expected_leader": cast.leader.pk,
        f"note_{cast.teammate.pk}": "HR-NOTE",
    }
    response = client.post(url, data, follow=True)
    assert "now leads Cards" in response.content.decode()
    repeat = client.post(url, data, follow=True)
    assert "was changed while you had this page open" in repeat.content.decode()
    assert HandoverNote.objects.filter(written_by=cast.hr).count() == 1


def test_the_handover_page_speaks_norwegian(client, cast, cards, successor):
    cast.hr.language = "nb"
    cast.hr.save()
    client.force_login(cast.hr.user)
    response = client.get(reverse("coaching:team_handover", args=[cast.team.pk]))
    assert "Overlevering" in response.content.decode()


def test_the_new_leader_reads_the_notes_handed_to_them_and_no_one_else_does(client, cast, cards, successor):
    hand_over(cast, successor)
    url = reverse("coaching:handover_notes")
    client.force_login(successor.user)
    assert "HANDOVER-NOTE-TEXT" in client.get(url).content.decode()
    client.force_login(cast.other_leader.user)
    assert "HANDOVER-NOTE-TEXT" not in client.get(url).content.decode()
    client.force_login(cast.leader.user)  # who wrote it
    assert client.get(url).status_code == 200
    for viewer in (cast.hr, cast.manager, cast.agent):
        client.force_login(viewer.user)
        assert client.get(url).status_code == 403


def test_a_leader_writes_a_handover_note_about_their_people_only(client, cast):
    client.force_login(cast.leader.user)
    url = reverse("coaching:handover_notes")
    client.post(url, {"employee": cast.agent.pk, "text": "Strong on loans"})
    assert HandoverNote.objects.pending().get(employee=cast.agent).text == "Strong on loans"
    client.post(url, {"employee": cast.agent.pk, "text": "Strong on cards"})  # rewritten, not doubled
    assert HandoverNote.objects.pending().get(employee=cast.agent).text == "Strong on cards"
    client.post(url, {"employee": cast.other_agent.pk, "text": "Not mine"})
    assert not HandoverNote.objects.filter(employee=cast.other_agent).exists()
    client.post(url, {"employee": cast.agent.pk, "text": ""})
    assert not HandoverNote.objects.exists()


@pytest.mark.parametrize(
    ("viewer", "status"), [("hr", 200), ("manager", 403), ("leader", 403), ("agent", 403), ("trainer", 403)]
)
def test_only_hr_opens_the_handover_pages(client, cast, viewer, status):
    client.force_login(getattr(cast, viewer).user)
    assert client.get(reverse("coaching:team_handover", args=[cast.team.pk])).status_code == status
    if status == 200:
        assert client.get(reverse("coaching:team_handover", args=[999999])).status_code == 404


@pytest.mark.parametrize("team_size", [2, 20])
def test_the_handover_page_query_count_is_constant(client, cast, team_size, django_assert_num_queries):
    from tests.factories import AgentFactory

    for person in AgentFactory.create_batch(team_size, team=cast.team):
        ConversationFactory(employee=person)
        ActionItemFactory(conversation=HeldConversationFactory(employee=person))
    client.force_login(cast.hr.user)
    # Request (3), the team, the plan (members, bookings, action items, goals, notes), the candidates.
    with django_assert_num_queries(10):
        client.get(reverse("coaching:team_handover", args=[cast.team.pk]))


@pytest.mark.parametrize("team_size", [2, 20])
def test_the_handover_notes_page_query_count_is_constant(client, cast, team_size, django_assert_num_queries):
    from tests.factories import AgentFactory

    for person in AgentFactory.create_batch(team_size, team=cast.team):
        handover_note_save(leader=cast.leader, employee=person, text=f"About {person.full_name}")
    client.force_login(cast.leader.user)
    # Request (3), the members, their pending notes, the notes handed to the leader.
    with django_assert_num_queries(6):
        client.get(reverse("coaching:handover_notes"))


@pytest.fixture
def large_site(cast):
    """More team leaders at the Cards team's site than a handover page lists, one of them Nora Nyström."""
    EmployeeFactory.create_batch(CANDIDATES_OFFERED, role=Role.TEAM_LEADER, site=cast.site)
    return EmployeeFactory(
        role=Role.TEAM_LEADER, site=cast.site, user__first_name="Nora", user__last_name="Nyström"
    )


def new_leader_options(response) -> list[int]:
    """The employee ids the new-leader list offers (the page's select, or the search's options)."""
    content = response.content.decode()
    if 'name="new_leader"' in content:
        content = content.split('name="new_leader"', 1)[1].split("</select>", 1)[0]
    return [int(value) for value in re.findall(r'<option value="(\d+)"', content)]


def test_a_site_with_more_team_leaders_than_a_page_lists_offers_the_members_and_a_search(
    client, cast, large_site
):
    client.force_login(cast.hr.user)
    page = client.get(reverse("coaching:team_handover", args=[cast.team.pk]))
    assert set(new_leader_options(page)) == {cast.agent.pk, cast.teammate.pk}
    search_url = reverse("coaching:handover_candidates", args=[cast.team.pk])
    assert f'hx-get="{search_url}"' in page.content.decode()

    found = client.get(search_url, {"leader_search": "nora nyst"})
    assert new_leader_options(found) == [large_site.pk]
    many = client.get(search_url)
    assert len(new_leader_options(many)) == CANDIDATES_OFFERED
    assert "More people match" in many.content.decode()

    response = client.post(
        reverse("coaching:team_handover", args=[cast.team.pk]),
        {"new_leader": large_site.pk, "expected_leader": cast.leader.pk},
    )
    assert response.status_code == 302
    assert Team.objects.get(pk=cast.team.pk).leader == large_site


def test_a_rejected_handover_keeps_the_team_leader_found_by_the_search(client, cast, large_site):
    client.force_login(cast.hr.user)
    response = client.post(
        reverse("coaching:team_handover", args=[cast.team.pk]),
        {
            "new_leader": large_site.pk,
            "expected_leader": cast.leader.pk,
            f"note_{cast.agent.pk}": "x" * (NOTE_MAX_LENGTH + 1),
        },
    )
    assert response.status_code == 400
    assert large_site.pk in new_leader_options(response)
    assert Team.objects.get(pk=cast.team.pk).leader == cast.leader


def test_the_search_finds_only_who_may_lead_the_team(client, cast, large_site):
    elsewhere = EmployeeFactory(
        role=Role.TEAM_LEADER, site=cast.other_site, user__first_name="Nora", user__last_name="Nyberg"
    )
    agent = EmployeeFactory(site=cast.site, user__first_name="Nora", user__last_name="Nygård")
    left = EmployeeFactory(
        role=Role.TEAM_LEADER,
        site=cast.site,
        user__first_name="Nora",
        user__last_name="Nylund",
        ended_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    client.force_login(cast.hr.user)
    found = client.get(
        reverse("coaching:handover_candidates", args=[cast.team.pk]), {"leader_search": "Nora"}
    )
    assert new_leader_options(found) == [large_site.pk]
    assert not {elsewhere.pk, agent.pk, left.pk} & set(new_leader_options(found))


@pytest.mark.parametrize("viewer", ["manager", "leader", "agent", "trainer"])
def test_only_hr_searches_for_a_new_team_leader(client, cast, viewer):
    client.force_login(getattr(cast, viewer).user)
    url = reverse("coaching:handover_candidates", args=[cast.team.pk])
    assert client.get(url, {"leader_search": cast.leader.full_name}).status_code == 403


def test_the_search_of_a_team_that_does_not_exist_is_not_found(client, cast):
    client.force_login(cast.hr.user)
    assert client.get(reverse("coaching:handover_candidates", args=[999999])).status_code == 404


@pytest.mark.parametrize("leaders", [2, CANDIDATES_OFFERED + 5])
def test_the_search_query_count_is_constant(client, cast, leaders, django_assert_num_queries):
    EmployeeFactory.create_batch(leaders, role=Role.TEAM_LEADER, site=cast.site)
    client.force_login(cast.hr.user)
    # Request (3), the team, the matching candidates.
    with django_assert_num_queries(5):
        client.get(reverse("coaching:handover_candidates", args=[cast.team.pk]), {"leader_search": "a"})
