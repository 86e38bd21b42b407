import random

import pytest
from django.db.models import Count, Q
from django.utils import timezone, translation

import coaching.demo
import goals.demo
import people.demo
from coaching.models import (
    ActionItem,
    AgendaItem,
    Conversation,
    ConversationType,
    GuidingAnswer,
    PrivateNote,
    Rhythm,
)
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

    # The rhythms' copies of the history, set while seeding, are those the services keep.
    seeded = list(Rhythm.objects.order_by("pk").values_list("pk", "last_held_at", "last_seen_at"))
    Rhythm.objects.all().refresh_last_held()
    assert list(Rhythm.objects.order_by("pk").values_list("pk", "last_held_at", "last_seen_at")) == seeded
    assert any(held for _pk, held, _seen in seeded)  # not a comparison of empty copies

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


@pytest.fixture
def demo_history(db):
    today = timezone.localdate()
    people.demo.seed(rng=random.Random(3), today=today, employees=120)
    goals.demo.seed(rng=random.Random(3), today=today)
    coaching.demo.seed(rng=random.Random(3), today=today)


def written_by_language(language):
    """Every text the coaching demo can write in `language`."""
    return {
        *coaching.demo.NOTES[language],
        *coaching.demo.AGENDA[language],
        *(text for text, _owner in coaching.demo.ACTIONS[language]),
        *coaching.demo.ANSWERS[language],
        *coaching.demo.COACHING_COMMENTS[language],
    } - {""}


@pytest.mark.parametrize(
    ("who", "language"),
    [
        (Q(site__name="Oslo"), "nb"),
        (Q(site__name="Helsingborg"), "sv"),
        (Q(site__name="Uppsala") & ~Q(team__leader__user__username="leader"), "sv"),
        (Q(team__leader__user__username="leader"), "en"),
    ],
)
def test_demo_people_write_in_their_sites_language_and_the_demo_team_in_english(demo_history, who, language):
    agents = Employee.objects.filter(who, role=Role.AGENT, team__isnull=False)
    assert agents.exists()
    texts = [
        *Conversation.objects.filter(employee__in=agents)
        .exclude(shared_notes="")
        .values_list("shared_notes", flat=True),
        *ActionItem.objects.filter(employee__in=agents).values_list("text", flat=True),
        *AgendaItem.objects.filter(conversation__employee__in=agents).values_list("text", flat=True),
        *GuidingAnswer.objects.filter(conversation__employee__in=agents).values_list("answer", flat=True),
    ]
    assert len(texts) > 20
    assert set(texts) <= written_by_language(language)
    with translation.override(language):
        questions = {q for kind in ConversationType.objects.all() for q in kind.question_list()}
    asked = set(
        GuidingAnswer.objects.filter(conversation__employee__in=agents).values_list("question", flat=True)
    )
    assert asked and asked <= questions  # the questions as the leader read them


def test_no_demo_guiding_answer_is_cut_mid_word(demo_history):
    answers = list(GuidingAnswer.objects.values_list("answer", flat=True))
    assert answers
    assert all(answer.rstrip()[-1] in ".?!" for answer in answers)


def test_the_demo_repeats_no_action_item(demo_history):
    per_conversation = (
        ActionItem.objects.values("conversation_id", "text").annotate(n=Count("pk")).filter(n__gt=1)
    )
    assert not per_conversation.exists()
    open_twice = (
        ActionItem.objects.open().values("employee_id", "text").annotate(n=Count("pk")).filter(n__gt=1)
    )
    assert not open_twice.exists()
