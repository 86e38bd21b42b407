import random

from django.utils import timezone

import coaching.demo
import goals.demo
import people.demo
from coaching.models import ActionItem, Conversation, PrivateNote, Rhythm
from people.models import Employee, Role


def test_the_demo_history_looks_alive(db):
    today = timezone.localdate()
    people.demo.seed(rng=random.Random(7), today=today, employees=120)
    goals.demo.seed(rng=random.Random(9), today=today)
    coaching.demo.seed(rng=random.Random(8), today=today)

    agents = Employee.objects.filter(role=Role.AGENT, team__leader__isnull=False)
    follow_ups = list(Rhythm.objects.with_status(today).filter(conversation_type__kind="follow_up"))
    assert len(follow_ups) == agents.count()  # everyone has a follow-up rhythm
    assert any(r.is_overdue for r in follow_ups)
    assert not all(r.is_overdue for r in follow_ups)
    assert any(r.is_paused for r in follow_ups)
    assert Conversation.objects.unconfirmed().exists()
    assert ActionItem.objects.open().exists()
    assert len(set(Conversation.objects.held().values_list("energy", flat=True))) >= 4
    frozen = Conversation.objects.held().exclude(kpi_snapshot=[]).first()
    assert frozen is not None and {"metric_id", "value", "measured_on"} <= set(frozen.kpi_snapshot[0])
    oldest = Conversation.objects.held().order_by("scheduled_at").first().scheduled_at
    assert (timezone.now() - oldest).days > 600

    agent = Employee.objects.get(user__username="agent")
    upcoming = Conversation.objects.filter(employee=agent).upcoming(timezone.now()).first()
    assert upcoming is not None and upcoming.agenda_items.exists()
    assert Conversation.objects.filter(employee=agent).unconfirmed().exists()
    for note in PrivateNote.objects.select_related("conversation"):
        assert note.author_id == note.conversation.leader_id

    new = Conversation.objects.create(
        employee=agent,
        leader=agent.team.leader,
        conversation_type=upcoming.conversation_type,
        scheduled_at=timezone.now(),
    )
    assert new.pk > upcoming.pk  # the id sequence moved past the demo's own ids
