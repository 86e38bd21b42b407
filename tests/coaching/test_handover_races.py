"""Two HR tabs handing the same team over at the same moment: one handover happens, whole; the other
is told and changes nothing. Row locks need PostgreSQL."""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

from coaching.handover import team_handover
from coaching.models import Conversation, HandoverNote
from people.models import PositionChange, Role, Team
from tests.coaching.factories import ConversationFactory
from tests.factories import EmployeeFactory
from tests.races import race, racing

pytestmark = racing


def test_two_handovers_at_once_hand_the_team_over_once(cast):
    now = timezone.now()
    booked = ConversationFactory(employee=cast.agent, scheduled_at=now + datetime.timedelta(days=2))
    successors = [
        EmployeeFactory(role=Role.AGENT, site=cast.site, team=cast.other_team, user__username=f"next{index}")
        for index in range(2)
    ]

    def hand_over(successor):
        return lambda: team_handover(
            team=Team.objects.get(pk=cast.team.pk),
            new_leader=successor,
            expected_leader_id=cast.leader.pk,
            by=cast.hr,
            notes={cast.teammate.pk: f"note for {successor.user.username}"},
            now=now,
        )

    results = race(*(hand_over(successor) for successor in successors))

    refused = [result for result in results if isinstance(result, ValidationError)]
    assert len(refused) == 1
    leader = Team.objects.get(pk=cast.team.pk).leader
    assert leader in successors
    booked.refresh_from_db()
    assert (booked.leader, booked.calendar_sequence) == (leader, 1)
    assert list(PositionChange.objects.values_list("employee", flat=True)) == [leader.pk]  # the loser: none
    assert [note.to_leader for note in HandoverNote.objects.all()] == [leader]
    assert Conversation.objects.filter(leader__in=successors).count() == 1
