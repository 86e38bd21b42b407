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
        skip_postgeneration_save = True

    employee = None
    leader = factory.LazyAttribute(lambda c: c.employee.team.leader)
    conversation_type = factory.LazyFunction(conversation_type)
    scheduled_at = factory.LazyFunction(lambda: NOW + datetime.timedelta(days=1))
    duration_minutes = 30
    location = "Room 4"

    @factory.post_generation
    def track_held(conversation, create, extracted, **kwargs):
        """As the services leave it: the employee's rhythms know their last held conversations."""
        if create:
            Rhythm.objects.filter(employee_id=conversation.employee_id).refresh_last_held()


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
        skip_postgeneration_save = True

    employee = None
    conversation_type = factory.LazyFunction(conversation_type)
    cadence_days = 14

    @factory.post_generation
    def track_held(rhythm, create, extracted, **kwargs):
        """A new rhythm starts from the history already held, as `rhythms_ensure` leaves it."""
        if create:
            Rhythm.objects.filter(pk=rhythm.pk).refresh_last_held()
            rhythm.refresh_from_db(fields=["last_held_at", "last_seen_at"])
