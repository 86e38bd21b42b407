"""Reports for HR and managers: figures per team and month, no group below REPORT_MIN_GROUP_SIZE shown
(merged into "Other teams", or hidden), the same figures in the page, the chart and the CSV."""

import codecs
import csv
import io
import re

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.urls import reverse
from django.utils import timezone

from goals.models import Goal
from people.models import Site
from tests.coaching.factories import PrivateNoteFactory
from tests.dashboards.builders import held
from tests.factories import AgentFactory, SiteFactory, TeamFactory
from tests.goals.factories import GoalFactory


def report_url(key, **params):
    url = reverse("dashboards:report_detail", args=[key])
    return url + ("?" + "&".join(f"{name}={value}" for name, value in params.items()) if params else "")


def csv_rows(response):
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"))))


@pytest.fixture
def malmo():
    """A site of its own with teams of 4, 5 and 6 people, each seen in a conversation this month with
    energy 4 and workload 2."""
    site = SiteFactory(name="Malmö", country="SE", time_zone=Site.TimeZone.STOCKHOLM)
    teams = {}
    for size, name in ((4, "Four"), (5, "Five"), (6, "Six")):
        team = TeamFactory(name=name, site=site)
        for person in AgentFactory.create_batch(size, team=team):
            held(person, days_ago=0, energy=4, workload=2)
        teams[size] = team
    return site, teams


def figures_of(response):
    """The page's table of figures (the team filter above it lists every team by name)."""
    return response.content.decode().split('class="table table-sm align-middle report-table"')[1]


def rows_by_label(response):
    """The rows of the table by team name ("Other teams"), or by site name in the summary per site."""
    by_site = response.context["selection"].by_site
    return {
        row.site.name if by_site else row.team.name if row.team else "Other teams": row
        for row in response.context["table"].rows
    }


def test_groups_of_five_and_six_are_shown_a_group_of_four_is_not(client, cast, malmo):
    site, teams = malmo
    client.force_login(cast.hr.user)
    response = client.get(report_url("coverage", site=site.pk))

    rows = rows_by_label(response)
    assert set(rows) == {"Five", "Six"}  # "Four" alone in "Other teams" is too small: hidden
    this_month = rows["Five"].cells[-1]
    assert (this_month.people, this_month.sums["seen"]) == (5, 5)
    assert response.context["table"].totals.cells[-1].people == 11  # the hidden group is not in the total
    table = figures_of(response)
    assert "Four" not in table
    assert "Six" in table


def test_with_the_threshold_at_three_a_group_of_four_is_shown(client, cast, malmo, settings):
    settings.REPORT_MIN_GROUP_SIZE = 3
    site, _teams = malmo
    client.force_login(cast.hr.user)
    rows = rows_by_label(client.get(report_url("wellbeing", site=site.pk)))
    assert set(rows) == {"Four", "Five", "Six"}
    assert rows["Four"].cells[-1].people == 4


def test_small_teams_are_merged_into_other_teams_when_together_they_are_large_enough(client, cast, malmo):
    site, _teams = malmo
    three = TeamFactory(name="Three", site=site)
    for person in AgentFactory.create_batch(3, team=three):
        held(person, days_ago=0)
    client.force_login(cast.hr.user)
    response = client.get(report_url("coverage", site=site.pk))

    rows = rows_by_label(response)
    assert set(rows) == {"Five", "Six", "Other teams"}
    other = rows["Other teams"].cells[-1]
    assert (other.people, other.sums["seen"]) == (7, 7)
    assert response.context["table"].totals.cells[-1].people == 18
    assert "Three" not in figures_of(response)


def test_the_csv_has_the_figures_of_the_page_and_no_small_group(client, cast, malmo):
    site, _teams = malmo
    client.force_login(cast.hr.user)
    response = client.get(reverse("dashboards:report_csv", args=["wellbeing"]) + f"?site={site.pk}")

    body = response.getvalue()  # streamed: read once
    assert body.startswith(codecs.BOM_UTF8)  # spreadsheets read "Malmö" right
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    month = f"{timezone.localdate():%Y-%m}"
    assert rows[0] == ["Team", "Site", "Month", "People", "Average energy", "Average workload"]
    assert ["Five", "Malmö", month, "5", "4.0", "2.0"] in rows
    assert ["Six", "Malmö", month, "6", "4.0", "2.0"] in rows
    assert ["All teams shown", "", month, "11", "4.0", "2.0"] in rows
    assert not any(row[0] in ("Four", "Other teams") for row in rows)
    assert 'filename="samtal-wellbeing-' in response["Content-Disposition"]


def test_the_chart_draws_the_totals_of_the_groups_shown(client, cast, malmo):
    site, _teams = malmo
    client.force_login(cast.hr.user)
    chart = client.get(report_url("wellbeing", site=site.pk)).context["chart"]
    assert chart.grouping == "month"
    assert chart.table_headers == ["Energy", "Workload"]
    assert chart.table_rows[-1][1] == [4, 2]


def test_a_private_note_appears_in_no_report_page_or_csv(client, cast, malmo):
    site, teams = malmo
    conversation = teams[6].members.first().conversations.get()
    PrivateNoteFactory(conversation=conversation, text="PRIVATE-NOTE-TEXT thinking of quitting")
    client.force_login(cast.hr.user)
    for key in ("coverage", "goals", "wellbeing"):
        page = client.get(report_url(key, site=site.pk)).content.decode()
        data = (
            client.get(reverse("dashboards:report_csv", args=[key]) + f"?site={site.pk}").getvalue().decode()
        )
        assert "PRIVATE-NOTE-TEXT" not in page + data


def test_goal_attainment_counts_outcomes_per_team(client, cast, malmo):
    site, teams = malmo
    today = timezone.localdate()
    outcomes = [Goal.Status.ACHIEVED] * 3 + [Goal.Status.NOT_ACHIEVED, Goal.Status.DROPPED]
    for person, status in zip(teams[5].members.all(), outcomes, strict=True):
        GoalFactory(employee=person, status=status, starts_on=today.replace(day=1), due_on=today)
    GoalFactory(employee=teams[6].members.first(), status=Goal.Status.ACHIEVED, due_on=today)  # 1 person
    client.force_login(cast.hr.user)
    response = client.get(report_url("goals", site=site.pk))

    rows = rows_by_label(response)
    assert set(rows) == {"Five"}
    cell = rows["Five"].cells[-1]
    assert (cell.sums["achieved"], cell.sums["not_achieved"], cell.sums["dropped"]) == (3, 1, 1)
    assert "60%" in rows["Five"].texts[-1]


def test_coverage_counts_the_share_of_members_seen_in_the_month(client, cast, malmo):
    site, teams = malmo
    unseen = AgentFactory.create_batch(2, team=teams[6])
    client.force_login(cast.hr.user)
    rows = rows_by_label(client.get(report_url("coverage", site=site.pk, team=teams[6].pk)))
    cell = rows["Six"].cells[-1]
    assert (cell.people, cell.sums["seen"]) == (6 + len(unseen), 6)
    assert rows["Six"].texts[-1].startswith("75")


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"start": "2026-05-01", "end": "2026-03-01"}, "The end of the period is before its start."),
        ({"start": "2999-01-01"}, "The period has not begun yet"),
        ({"start": "2020-01-01", "end": "2026-01-01"}, "at most 24 months"),
        ({"team": "abc"}, "Enter a whole number."),
        ({"start": "yesterday"}, "Enter a valid date."),
    ],
)
def test_bad_filters_answer_400_with_a_message(client, cast, params, message):
    client.force_login(cast.hr.user)
    for url in (report_url("coverage", **params), reverse("dashboards:report_csv", args=["coverage"])):
        response = client.get(url, params if "?" not in url else None)
        assert response.status_code == 400
        assert message in response.content.decode()


def test_the_message_is_translated(client, cast):
    cast.hr.language = "nb"
    cast.hr.save()
    client.force_login(cast.hr.user)
    response = client.get(report_url("coverage", start="2026-05-01", end="2026-03-01"))
    assert response.status_code == 400
    assert "Slutten av perioden er før starten." in response.content.decode()


def test_an_unknown_report_is_not_found(client, cast):
    client.force_login(cast.hr.user)
    assert client.get(report_url("no-such-report")).status_code == 404


def test_a_manager_sees_the_teams_of_their_sites_only(client, cast):
    big = TeamFactory(name="Big", site=cast.site)
    far = TeamFactory(name="Far", site=cast.other_site)
    for team in (big, far):
        for person in AgentFactory.create_batch(5, team=team):
            held(person, days_ago=0)
    client.force_login(cast.manager.user)
    response = client.get(report_url("coverage"))
    assert set(rows_by_label(response)) == {"Big"}
    assert "Far" not in response.content.decode()  # nor in the team filter
    assert client.get(report_url("coverage", team=far.pk)).status_code == 404
    assert client.get(report_url("coverage", site=cast.other_site.pk)).status_code == 404
    csv_url = reverse("dashboards:report_csv", args=["coverage"])
    assert client.get(csv_url, {"team": far.pk}).status_code == 404
    assert client.get(report_url("coverage", team=big.pk)).status_code == 200


@pytest.mark.parametrize(
    ("viewer", "status"), [("agent", 403), ("leader", 403), ("trainer", 403), ("hr", 200)]
)
def test_only_managers_and_hr_open_reports(client, cast, viewer, status):
    client.force_login(getattr(cast, viewer).user)
    for url in (
        reverse("dashboards:report_index"),
        report_url("coverage"),
        reverse("dashboards:report_csv", args=["coverage"]),
    ):
        assert client.get(url).status_code == status


@pytest.mark.parametrize("size", [2, 1])
def test_a_threshold_below_three_is_a_system_check_error(settings, size):
    settings.REPORT_MIN_GROUP_SIZE = size
    with pytest.raises(SystemCheckError, match="REPORT_MIN_GROUP_SIZE"):
        call_command("check")


def test_onboarding_duration_averages_the_days_completed_onboardings_took_per_team(client, cast, malmo):
    from onboarding.models import Onboarding
    from tests.onboarding.factories import OnboardingFactory

    site, teams = malmo
    now = timezone.now()
    for person, days in zip(teams[5].members.all(), (20, 21, 22, 23, 24), strict=True):
        OnboardingFactory(
            employee=person,
            starts_on=timezone.localdate(now) - timezone.timedelta(days=days),
            status=Onboarding.Status.COMPLETED,
            completed_at=now,
        )
    for person in teams[4].members.all():  # four people: below the threshold, never shown
        OnboardingFactory(employee=person, status=Onboarding.Status.COMPLETED, completed_at=now)
    OnboardingFactory(employee=teams[6].members.first())  # still running: not counted
    client.force_login(cast.hr.user)
    response = client.get(report_url("onboarding", site=site.pk))

    rows = rows_by_label(response)
    assert set(rows) == {"Five"}
    cell = rows["Five"].cells[-1]
    assert (cell.people, cell.sums["completed"], cell.sums["days"]) == (5, 5, 110)
    assert "5 completed, 22.0 days on average" in rows["Five"].texts[-1]
    csv_url = reverse("dashboards:report_csv", args=["onboarding"]) + f"?site={site.pk}"
    rows_in_csv = csv_rows(client.get(csv_url))
    assert not any("Four" in row for row in rows_in_csv)


@pytest.fixture
def two_sites(cast, malmo):
    """Malmö's teams of 4, 5 and 6; at Uppsala a team of 3 seen this month beside the cast's teams of 2
    and 1: small groups at two sites, merged per site (Uppsala's make 6 people, Malmö's Four stays 4)."""
    for person in AgentFactory.create_batch(3, team=TeamFactory(name="Three", site=cast.site)):
        held(person, days_ago=0, energy=4, workload=2)
    return malmo


def test_hr_sees_a_row_per_site_that_is_the_total_of_its_page_of_teams(client, cast, two_sites):
    site, _teams = two_sites
    client.force_login(cast.hr.user)
    summary = client.get(report_url("coverage"))

    rows = rows_by_label(summary)
    assert list(rows) == ["Malmö", "Oslo", "Uppsala"]
    for name, pk in (("Malmö", site.pk), ("Uppsala", cast.site.pk)):
        assert rows[name].cells == client.get(report_url("coverage", site=pk)).context["table"].totals.cells
    assert rows["Malmö"].cells[-1].people == 11  # Five and Six; Four is hidden, not merged with Uppsala's
    assert (rows["Uppsala"].cells[-1].people, rows["Uppsala"].cells[-1].sums["seen"]) == (6, 3)
    assert rows["Oslo"].cells[-1] is None
    assert summary.context["table"].totals.cells[-1].people == 17
    assert f'href="?site={site.pk}"' in summary.content.decode()
    assert 'id="report-team"' not in summary.content.decode()  # a site first


def test_a_sites_page_lists_its_teams_in_the_team_filter_and_pages_them(client, cast, malmo, monkeypatch):
    from dashboards import report_views

    monkeypatch.setattr(report_views, "TEAMS_PER_PAGE", 1)
    site, _teams = malmo
    client.force_login(cast.hr.user)
    first = client.get(report_url("coverage", site=site.pk))
    second = client.get(report_url("coverage", site=site.pk, page=2))

    assert [team.name for team in first.context["selection"].teams] == ["Five", "Four", "Six"]
    assert [row.team.name for row in first.context["page"]] == ["Five"]
    assert [row.team.name for row in second.context["page"]] == ["Six"]
    assert second.context["table"].totals.cells[-1].people == 11
    assert f"?site={site.pk}&amp;page=2" in first.content.decode()


def team_filter(response) -> list[str]:
    """The values the report's team filter offers."""
    select = response.content.decode().split('id="report-team"', 1)[1].split("</select>", 1)[0]
    return re.findall(r'<option value="(\d*)"', select)


def test_a_site_of_more_teams_than_a_list_offers_is_searched_for_a_team(client, cast, malmo, monkeypatch):
    from dashboards import report_views

    site, teams = malmo
    client.force_login(cast.hr.user)
    listed = client.get(report_url("coverage", site=site.pk))
    assert team_filter(listed) == ["", *(str(teams[size].pk) for size in (5, 4, 6))]  # by name
    assert 'id="report-team-search"' not in listed.content.decode()

    monkeypatch.setattr(report_views, "TEAM_OPTIONS", 2)
    searched = client.get(report_url("coverage", site=site.pk))
    assert team_filter(searched) == [""]
    search = f'hx-get="{reverse("people:team_options")}"'
    assert 'id="report-team-search"' in searched.content.decode() and search in searched.content.decode()
    chosen = client.get(report_url("coverage", site=site.pk, team=teams[6].pk, team_search="Si"))
    assert chosen.status_code == 200
    assert team_filter(chosen) == ["", str(teams[6].pk)]
    assert f'<option value="{teams[6].pk}" selected>Six</option>' in chosen.content.decode()
    assert list(rows_by_label(chosen)) == ["Six"]


def test_a_team_of_another_site_than_the_one_chosen_is_dropped(client, cast, malmo):
    _site, teams = malmo
    client.force_login(cast.hr.user)
    response = client.get(report_url("coverage", site=cast.site.pk, team=teams[5].pk))
    assert response.status_code == 200
    assert response.context["selection"].team is None
    assert response.context["selection"].site.pk == cast.site.pk


def test_an_unknown_site_or_team_is_not_found(client, cast):
    client.force_login(cast.hr.user)
    for params in ({"site": 999999}, {"team": 999999}):
        assert client.get(report_url("coverage", **params)).status_code == 404
        assert client.get(reverse("dashboards:report_csv", args=["coverage"]), params).status_code == 404


def test_the_csv_of_every_site_merges_small_groups_per_site_and_totals_each_site(client, cast, two_sites):
    client.force_login(cast.hr.user)
    rows = csv_rows(client.get(reverse("dashboards:report_csv", args=["coverage"])))
    month = f"{timezone.localdate():%Y-%m}"

    assert ["Five", "Malmö", month, "5", "5", "100"] in rows
    assert ["All teams shown", "Malmö", month, "11", "11", "100"] in rows
    assert ["Other teams", "Uppsala", month, "6", "3", "50"] in rows  # Three, Cards and Loans
    assert ["All teams shown", "Uppsala", month, "6", "3", "50"] in rows
    assert ["All teams shown", "", month, "17", "14", "82"] in rows
    assert not any(row[0] in ("Four", "Three", "Cards", "Loans") for row in rows)
    assert not any(row[1] == "Oslo" for row in rows)  # nothing shown there
