"""Conversation types are reference content that every reader sees in their own language: each
text field gets a column per language (name_en, name_nb, name_sv, …), edited per language in the
admin; `name` reads the active language and falls back to English."""

from modeltranslation.translator import TranslationOptions, register

from coaching.models import ConversationType


@register(ConversationType)
class ConversationTypeTranslationOptions(TranslationOptions):
    fields = ("name", "description", "guiding_questions", "quality_criteria")
