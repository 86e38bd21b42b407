"""One person's development history: every app's entries for one reader, a year a page, never a
private note, never an individual wellbeing score to HR or a manager."""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from goals.models import Goal
from hr.models import PrivacySettings
from tests.goals.factories import GoalFactory, acknowledge, make_expectation
from tests.hr.builders import PRIVATE, SHARED, WINS, development_history
from tests.policy import AGENT_RECORD_READERS


def history_html(client, user, employee, **params):
    client.force_login(user)
    response = client.get(reverse("hr:history", args=[employee.pk]), params)
    return response, response.content.decode()


@pytest.mark.parametrize(("reader", "status"), AGENT_RECORD_READERS)
def test_the_history_is_read_by_whom_the_policy_says(client, cast, reader, status):
    client.force_login(getattr(cast, reader).user)
    assert client.get(reverse("hr:history", args=[cast.agent.pk])).status_code == status
    assert client.get(reverse("hr:history_export", args=[cast.agent.pk, "csv"])).status_code == status


def test_hr_sees_that_conversations_happened_but_not_their_summary_by_default(client, cast):
    development_history(cast.agent, years=1)
    response, html = history_html(client, cast.hr.user, cast.agent)
    assert response.status_code == 200
    assert "One-on-one follow-up" in html and "Summary confirmed" in html
    assert SHARED not in html and WINS not in html and PRIVATE not in html
    assert "Energy" not in html  # individual wellbeing: never to HR
    assert "sees only that a conversation happened" in html


def test_hr_reads_the_summary_where_the_officer_allows_it(client, cast):
    PrivacySettings(hr_conversation_access=PrivacySettings.HrConversationAccess.SUMMARY).save()
    development_history(cast.agent, years=1)
    _response, html = history_html(client, cast.hr.user, cast.agent)
    assert SHARED in html and WINS in html
    assert PRIVATE not in html and "Energy" not in html


def test_the_leader_and_the_person_see_summary_and_wellbeing_and_never_the_private_note(client, cast):
    development_history(cast.agent, years=1)
    for user in (cast.leader.user, cast.agent.user):
        _response, html = history_html(client, user, cast.agent)
        assert SHARED in html and WINS in html and "Energy 4 of 5, workload 3 of 5" in html
        assert PRIVATE not in html


def test_the_site_manager_reads_summaries_but_no_wellbeing_scores(client, cast):
    development_history(cast.agent, years=1)
    _response, html = history_html(client, cast.manager.user, cast.agent)
    assert SHARED in html and "Energy" not in html and PRIVATE not in html


def test_positions_goals_outcomes_acknowledgements_and_changes_are_entries(client, cast):
    development_history(cast.agent, years=1)
    acknowledge(cast.agent, make_expectation(team=cast.team, title="Answer within a day"))
    client.force_login(cast.leader.user)
    goal = GoalFactory(employee=cast.agent, starts_on=timezone.localdate(), due_on=timezone.localdate())
    goal.title = "Renamed goal"
    goal.save()
    _response, html = history_html(client, cast.leader.user, cast.agent)
    assert "Advisor level 1" in html
    assert (
        "Goal set: Become a trainer step 0" in html and "Outcome of Become a trainer step 0: Achieved" in html
    )
    assert "Acknowledged: Answer within a day" in html
    assert "Goal Renamed goal changed" in html


def test_the_page_is_one_year_with_links_to_the_others(client, cast):
    development_history(cast.agent, years=3)
    this_year = timezone.localdate().year
    response, _html = history_html(client, cast.leader.user, cast.agent)
    assert response.context["years"] == [this_year, this_year - 1, this_year - 2]
    assert {entry.on.year for entry in response.context["entries"]} == {this_year}
    response, _html = history_html(client, cast.leader.user, cast.agent, year=this_year - 2)
    assert {entry.on.year for entry in response.context["entries"]} == {this_year - 2}


def test_kinds_and_period_narrow_the_entries(client, cast):
    development_history(cast.agent, years=2)
    today = timezone.localdate()
    response, _html = history_html(
        client,
        cast.leader.user,
        cast.agent,
        kind=["goal"],
        start=(today - datetime.timedelta(days=40)).isoformat(),
    )
    entries = response.context["entries"]
    assert entries and {entry.kind for entry in entries} == {"goal"}
    assert all(entry.on >= today - datetime.timedelta(days=40) for entry in entries)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"start": "2026-05-01", "end": "2026-04-01"}, "Slutten av perioden kan ikke være før starten."),
        ({"kind": "gossip"}, "Velg et gyldig valg."),
        ({"start": "last year"}, "Oppgi en gyldig dato."),
    ],
)
def test_bad_filters_are_a_translated_message(client, cast, params, message):
    cast.hr.language = "nb"
    cast.hr.save()
    response, html = history_html(client, cast.hr.user, cast.agent, **params)
    assert response.status_code == 400
    assert message in html
    client.force_login(cast.hr.user)
    assert client.get(reverse("hr:history_export", args=[cast.agent.pk, "pdf"]), params).status_code == 400


@pytest.mark.parametrize("years", [1, 10])
def test_the_history_runs_the_same_queries_for_one_year_or_ten(
    client, cast, years, django_assert_num_queries
):
    development_history(cast.agent, years=years)
    client.force_login(cast.hr.user)
    with django_assert_num_queries(14):  # one query per source, onboarding and trainings included
        response = client.get(reverse("hr:history", args=[cast.agent.pk]))
    assert len(response.context["years"]) == years


def test_csv_and_json_exports_hold_the_same_entries_as_the_page(client, cast):
    development_history(cast.agent, years=2)
    client.force_login(cast.hr.user)
    csv_text = client.get(reverse("hr:history_export", args=[cast.agent.pk, "csv"])).content.decode(
        "utf-8-sig"
    )
    data = json.loads(client.get(reverse("hr:history_export", args=[cast.agent.pk, "json"])).content)
    assert len(csv_text.strip().splitlines()) == len(data["entries"]) + 1
    assert {entry["kind"] for entry in data["entries"]} >= {"position", "conversation", "goal"}
    for text in (csv_text, json.dumps(data)):
        assert PRIVATE not in text and SHARED not in text and "Energy" not in text


def test_the_pdf_is_rendered_on_the_server_in_the_readers_language(client, cast, settings):
    settings.ORGANISATION_NAME = "Nordbank Kundeservice"
    development_history(cast.agent, years=1)
    cast.hr.language = "sv"
    cast.hr.save()
    client.force_login(cast.hr.user)
    response = client.get(reverse("hr:history_export", args=[cast.agent.pk, "pdf"]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_the_pdf_template_names_the_organisation_date_and_language(rf, cast, settings):
    from django.template.loader import render_to_string
    from django.utils import translation

    from hr.timeline import Entry

    settings.ORGANISATION_NAME = "Nordbank Kundeservice"
    with translation.override("sv"):
        html = render_to_string(
            "hr/history_pdf.html",
            {
                "employee": cast.agent,
                "entries": [Entry(datetime.date(2026, 3, 2), "goal", "Goal set: Faster answers")],
                "start": datetime.date(2026, 1, 1),
                "end": datetime.date(2026, 12, 4),
                "today": datetime.date(2026, 12, 4),
                "organisation": settings.ORGANISATION_NAME,
                "reader": cast.hr.user,
            },
        )
    assert "Nordbank Kundeservice" in html and "Exporterad 4 december 2026" in html
    assert 'lang="sv"' in html and "Utvecklingshistorik" in html


def test_an_unknown_export_format_is_not_found(client, cast):
    client.force_login(cast.hr.user)
    assert client.get(reverse("hr:history_export", args=[cast.agent.pk, "xlsx"])).status_code == 404


def test_the_page_links_a_print_style_sheet_and_has_no_inline_style(client, cast):
    _response, html = history_html(client, cast.hr.user, cast.agent)
    assert "css/history-print.css" in html and 'media="print"' in html
    assert "style=" not in html.split("<main")[1]


def test_goal_outcomes_decided_count_once(db, cast):
    development_history(cast.agent, years=1)
    assert Goal.objects.filter(employee=cast.agent).count() == 1


def test_who_changed_a_conversation_summary_is_shown_to_readers_of_the_summary_only(client, cast):
    from tests.coaching.factories import HeldConversationFactory

    conversation = HeldConversationFactory(employee=cast.agent)
    conversation.shared_notes = "A corrected summary"
    conversation.save()
    conversation.location = "Room 5"  # not the summary: no entry
    conversation.save()
    response, _html = history_html(client, cast.leader.user, cast.agent, kind="change")
    titles = [entry.title for entry in response.context["entries"]]
    assert titles.count("Conversation summary changed") == 2  # written, then corrected
    response, _html = history_html(client, cast.hr.user, cast.agent, kind="change")
    assert "Conversation summary changed" not in [entry.title for entry in response.context["entries"]]


def test_the_history_shows_onboarding_and_how_long_it_took_and_trainings_completed(client, cast):
    from onboarding.models import Onboarding
    from tests.onboarding.factories import OnboardingFactory
    from tests.onboarding.training_helpers import completed

    today = timezone.localdate()
    OnboardingFactory(
        employee=cast.agent,
        starts_on=today - datetime.timedelta(days=30),
        status=Onboarding.Status.COMPLETED,
        completed_at=timezone.now() - datetime.timedelta(days=8),
    )
    completed(cast.agent, "aml", days_ago=5)
    response, html = history_html(client, cast.hr.user, cast.agent)
    assert "Onboarding started: New hire" in html
    assert "Onboarding completed in 22 days" in html
    assert "Training completed:" in html and "Valid until" in html
    response, html = history_html(client, cast.hr.user, cast.agent, kind="training")
    assert "Training completed:" in html and "Onboarding completed" not in html
