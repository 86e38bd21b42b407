"""Conversation types and frozen key figures are shown in the reader's language, English as fallback."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from coaching.models import ConversationType
from coaching.selectors import kpi_snapshot_for
from goals.models import KpiMeasurement, Metric
from tests.coaching.factories import ConversationFactory, HeldConversationFactory, conversation_type

QUESTION = {
    "en": "How have the last two weeks gone for you?",
    "nb": "Hvordan har de to siste ukene vært for deg?",
    "sv": "Hur har de två senaste veckorna varit för dig?",
}


def page_as(client, employee, language, conversation):
    employee.language = language
    employee.save(update_fields=["language"])
    client.force_login(employee.user)
    response = client.get(conversation.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("language", ["en", "nb", "sv"])
def test_the_conversation_page_shows_the_guiding_questions_in_the_readers_language(client, cast, language):
    conversation = ConversationFactory(employee=cast.agent)

    html = page_as(client, cast.leader, language, conversation)

    assert QUESTION[language] in html
    assert not [question for other, question in QUESTION.items() if other != language and question in html]
    with translation.override(language):
        assert str(conversation_type().name) in html


def test_a_missing_translation_falls_back_to_english(client, cast):
    ConversationType.objects.filter(kind=ConversationType.Kind.FOLLOW_UP).update(
        guiding_questions_sv=None, name_sv=""
    )
    conversation = ConversationFactory(employee=cast.agent)

    html = page_as(client, cast.leader, "sv", conversation)

    assert QUESTION["en"] in html
    assert "One-on-one follow-up" in html


def test_quality_criteria_and_descriptions_are_seeded_in_every_language(db):
    coaching = conversation_type(ConversationType.Kind.COACHING)
    for language, criterion, description in [
        ("en", "Solved in the first contact", "One real customer interaction"),
        ("nb", "Løst i første kontakt", "En ekte kundehenvendelse"),
        ("sv", "Löst vid första kontakt", "Ett verkligt kundärende"),
    ]:
        with translation.override(language):
            assert criterion in coaching.criterion_list()
            assert coaching.description.startswith(description)


@pytest.mark.parametrize(
    ("language", "name", "unit"),
    [("en", "Quality score", "points"), ("nb", "Kvalitetspoeng", "poeng"), ("sv", "Kvalitetspoäng", "poäng")],
)
def test_metric_names_and_units_follow_the_readers_language(db, language, name, unit):
    with translation.override(language):
        quality = Metric.objects.get(code="quality")
        assert (str(quality), quality.unit) == (name, unit)


@pytest.mark.parametrize(
    ("language", "name"),
    [
        ("en", "First-contact resolution"),
        ("nb", "Løsningsgrad i første kontakt"),
        ("sv", "Lösningsgrad vid första kontakt"),
    ],
)
def test_frozen_key_figures_keep_the_metric_and_render_in_the_readers_language(client, cast, language, name):
    fcr = Metric.objects.get(code="fcr")
    KpiMeasurement.objects.create(
        employee=cast.agent, metric=fcr, period_end=datetime.date(2026, 2, 28), value=Decimal("74.25")
    )
    with translation.override("nb"):  # whoever holds the conversation, the snapshot keeps no name
        snapshot = kpi_snapshot_for(cast.agent.pk)
    assert snapshot[0]["metric_id"] == fcr.pk and "metric" not in snapshot[0]
    conversation = HeldConversationFactory(employee=cast.agent, kpi_snapshot=snapshot)

    html = page_as(client, cast.leader, language, conversation)

    assert name in html
    assert "74.25" in html


def test_key_figures_frozen_with_a_label_still_render(client, cast):
    conversation = HeldConversationFactory(
        employee=cast.agent,
        kpi_snapshot=[
            {
                "metric": "FCR (old import)",
                "unit": "%",
                "value": "71.50",
                "measured_on": "2025-01-31",
                "target": None,
            }
        ],
    )

    html = page_as(client, cast.leader, "nb", conversation)

    assert "FCR (old import)" in html
    assert "71.50 %" in html


def test_admins_edit_each_language_of_a_conversation_type(client, cast):
    follow_up = conversation_type()
    client.force_login(cast.superuser)
    url = reverse("admin:coaching_conversationtype_change", args=[follow_up.pk])
    form = client.get(url).context["adminform"].form
    assert {"name_en", "name_nb", "name_sv", "guiding_questions_sv", "quality_criteria_nb"} <= set(
        form.fields
    )

    data = {name: value for name, value in form.initial.items() if name in form.fields and value is not None}
    data["guiding_questions_nb"] = "Hva har gått bra siden sist?"
    response = client.post(url, data)

    assert response.status_code == 302
    with translation.override("nb"):
        assert conversation_type().question_list() == ["Hva har gått bra siden sist?"]
    with translation.override("sv"):
        assert conversation_type().question_list()[0] == QUESTION["sv"]


def test_admins_edit_each_language_of_a_metric(client, cast):
    client.force_login(cast.superuser)
    url = reverse("admin:goals_metric_change", args=[Metric.objects.get(code="aht").pk])
    form = client.get(url).context["adminform"].form
    assert {"name_en", "name_nb", "name_sv", "unit_en", "unit_nb", "unit_sv"} <= set(form.fields)
