import datetime

import factory
from django.utils import timezone

from onboarding.models import (
    ChecklistTemplate,
    FloorNote,
    Onboarding,
    OnboardingTask,
    Phase,
    Responsibility,
    TemplateTask,
)


class ChecklistTemplateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChecklistTemplate

    name = factory.Sequence(lambda n: f"Base training {n}")
    name_en = factory.SelfAttribute("name")


class TemplateTaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TemplateTask

    template = factory.SubFactory(ChecklistTemplateFactory)
    position = factory.Sequence(lambda n: n)
    phase = Phase.CLASSROOM
    title = factory.Sequence(lambda n: f"Task {n}")
    title_en = factory.SelfAttribute("title")
    responsible = Responsibility.NEW_HIRE
    offset_days = 0


class OnboardingFactory(factory.django.DjangoModelFactory):
    """A running onboarding of `employee` (give one, in a team), led by their team leader."""

    class Meta:
        model = Onboarding

    employee = None
    leader = factory.LazyAttribute(lambda o: o.employee.team.leader)
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=3))


class OnboardingTaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OnboardingTask

    onboarding = None
    phase = Phase.CLASSROOM
    title = factory.Sequence(lambda n: f"Onboarding task {n}")
    title_en = factory.SelfAttribute("title")
    responsible = Responsibility.NEW_HIRE
    assignee = factory.LazyAttribute(lambda t: t.onboarding.employee)
    due_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=2))


class FloorNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FloorNote

    employee = None
    author = None
    text = "Handled an angry caller well."
    created_at = factory.LazyFunction(timezone.now)
