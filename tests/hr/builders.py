"""A development history of several years for one person, written in a few bulk inserts."""

import datetime

from django.utils import timezone

from coaching.models import Conversation, PrivateNote
from goals.models import Goal
from people.models import PositionChange
from tests.coaching.factories import conversation_type
from tests.goals.factories import metric

SHARED = "SHARED-SUMMARY talked about first-contact resolution"
WINS = "WINS-PRAISE solved a hard case for a pensioner"
PRIVATE = "SECRET-PRIVATE-NOTE seems tired, ask about the move"


def development_history(employee, *, years, today=None):
    """For each of the last `years` years: a position change, six held follow-ups (summary, wins,
    wellbeing, a private note of the leader) and an achieved goal."""
    today = today or timezone.localdate()
    now = timezone.now()
    employee.started_on = today.replace(month=1, day=1) - datetime.timedelta(days=365 * (years - 1))
    employee.save(update_fields=["started_on"])
    follow_up = conversation_type()
    conversations, positions, goals = [], [], []
    for year in range(years):
        base = now - datetime.timedelta(days=365 * year)
        positions.append(
            PositionChange(
                employee=employee,
                changed_on=(base - datetime.timedelta(days=1)).date(),
                title=f"Advisor level {years - year}",
                role=employee.role,
                team=employee.team,
            )
        )
        for index in range(6):
            at = base - datetime.timedelta(days=2 + 14 * index)
            conversations.append(
                Conversation(
                    employee=employee,
                    leader=employee.team.leader,
                    conversation_type=follow_up,
                    status=Conversation.Status.HELD,
                    scheduled_at=at,
                    held_at=at,
                    summary_confirmed_at=at,
                    shared_notes=SHARED,
                    wins=WINS,
                    energy=4,
                    workload=3,
                )
            )
        day = (base - datetime.timedelta(days=30)).date()
        goals.append(
            Goal(
                employee=employee,
                kind=Goal.Kind.DEVELOPMENT,
                title=f"Become a trainer step {year}",
                starts_on=day,
                due_on=day + datetime.timedelta(days=20),
                status=Goal.Status.ACHIEVED,
                employee_agreed_at=base,
                leader_agreed_at=base,
                decided_at=base - datetime.timedelta(days=5),
                metric=None if year else metric(),
            )
        )
    PositionChange.objects.bulk_create(positions)
    conversations = Conversation.objects.bulk_create(conversations)
    PrivateNote.objects.bulk_create(
        PrivateNote(conversation=c, author=c.leader, text=PRIVATE) for c in conversations
    )
    Goal.objects.bulk_create(goals)
    return conversations
