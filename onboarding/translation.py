"""Templates and training requirements are reference content read in each reader's language. An
onboarding's tasks copy every language column from the template when it starts, so that editing the
template later changes nothing already running."""

from modeltranslation.translator import TranslationOptions, register

from onboarding.models import ChecklistTemplate, OnboardingTask, TemplateTask, TrainingRequirement


@register(ChecklistTemplate)
class ChecklistTemplateTranslationOptions(TranslationOptions):
    fields = ("name", "description")


@register(TemplateTask)
class TemplateTaskTranslationOptions(TranslationOptions):
    fields = ("title", "description")


@register(OnboardingTask)
class OnboardingTaskTranslationOptions(TranslationOptions):
    fields = ("title", "description")


@register(TrainingRequirement)
class TrainingRequirementTranslationOptions(TranslationOptions):
    fields = ("name", "description")
