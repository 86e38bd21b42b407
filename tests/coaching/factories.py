import datetime

import factory
from django.utils import timezone

from coaching.models import ActionItem, AgendaItem, Conversation, ConversationType, PrivateNote, Rhythm

NOW = timezone.now().replace(microsecond=0)


def conversation_type(kind=ConversationType.Kind.FOLLOW_UP) -> ConversationType:
    """The seeded type of this kind (the data migration creates them)."""
    return ConversationType.objects.get(kind=kind)


class ConversationFactory(factory.django.DjangoModelFactory):
    """A conversation of `employee` (give one) with their team leader, tomorrow by default."""

    class Meta:
        model = Conversation

    employee = None
    leader = factory.LazyAttribute(lambda c: c.employee.team.leader)
    conversation_type = factory.LazyFunction(conversation_type)
    scheduled_at = factory.LazyFunction(lambda: NOW + datetime.timedelta(days=1))
    duration_minutes = 30
    location = "Room 4"


class HeldConversationFactory(ConversationFactory):
    status = Conversation.Status.HELD
    scheduled_at = factory.LazyFunction(lambda: NOW - datetime.timedelta(days=3))
    held_at = factory.LazyAttribute(lambda c: c.scheduled_at + datetime.timedelta(minutes=30))
    shared_notes = "We talked about first-contact resolution."


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    conversation = None
    author = factory.SelfAttribute("conversation.employee")
    text = factory.Sequence(lambda n: f"Agenda point {n}")


class ActionItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionItem

    conversation = None
    employee = factory.SelfAttribute("conversation.employee")
    text = factory.Sequence(lambda n: f"Action {n}")
    owner = ActionItem.Owner.EMPLOYEE
    due_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=7))


class PrivateNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PrivateNote

    conversation = None
    author = factory.SelfAttribute("conversation.leader")
    text = "SECRET-PRIVATE-NOTE seems tired, ask about the move"


class RhythmFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Rhythm

    employee = None
    conversation_type = factory.LazyFunction(conversation_type)
    cadence_days = 14
