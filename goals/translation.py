"""Metric names and units in the reader's language (a column per language, English as fallback)."""

from modeltranslation.translator import TranslationOptions, register

from goals.models import Metric


@register(Metric)
class MetricTranslationOptions(TranslationOptions):
    fields = ("name", "unit")
