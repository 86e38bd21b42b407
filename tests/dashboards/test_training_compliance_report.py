"""The training compliance report: per team and month, the share of members to whom a mandatory
training applies who met every one of them at the month's end (today for the current month), under
the same group threshold as the other reports."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.urls import reverse

from people.models import Employee, Site
from tests.dashboards.test_reports import csv_rows, report_url, rows_by_label
from tests.factories import AgentFactory, SiteFactory, TeamFactory
from tests.onboarding.training_helpers import completed, only

pytestmark = pytest.mark.clock
STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")
MID_MARCH = datetime.datetime(2027, 3, 15, 10, tzinfo=STOCKHOLM)
LONG_AGO = datetime.date(2020, 1, 6)


@pytest.fixture
def travel():
    with time_machine.travel(MID_MARCH, tick=False):
        yield


@pytest.fixture
def malmo(travel):
    """Teams of 4, 5 and 6 at a site of their own, everyone with a valid AML and GDPR completion."""
    only("aml", "gdpr")
    site = SiteFactory(name="Malmö", country="SE", time_zone=Site.TimeZone.STOCKHOLM)
    teams = {}
    for size, name in ((4, "Four"), (5, "Five"), (6, "Six")):
        team = TeamFactory(name=name, site=site)
        for person in AgentFactory.create_batch(size, team=team, site=site, started_on=LONG_AGO):
            for code in ("aml", "gdpr"):
                completed(person, code, on=datetime.date(2026, 6, 1))
        teams[size] = team
    return site, teams


def march(response, label):
    return rows_by_label(response)[label].cells[-1]


def test_groups_of_five_and_six_are_shown_a_group_of_four_is_not(client, cast, malmo):
    site, _teams = malmo
    client.force_login(cast.hr.user)
    response = client.get(report_url("trainings", site=site.pk, start="2027-03-01"))

    assert set(rows_by_label(response)) == {"Five", "Six"}
    assert (march(response, "Five").people, march(response, "Five").sums["compliant"]) == (5, 5)
    assert response.context["table"].totals.cells[-1].people == 11
    assert "Four" not in response.content.decode().split("report-table")[1]


def test_with_the_threshold_at_three_a_group_of_four_is_shown(client, cast, malmo, settings):
    settings.REPORT_MIN_GROUP_SIZE = 3
    site, _teams = malmo
    client.force_login(cast.hr.user)
    response = client.get(report_url("trainings", site=site.pk, start="2027-03-01"))
    assert set(rows_by_label(response)) == {"Four", "Five", "Six"}
    assert march(response, "Four").people == 4


def test_a_person_is_compliant_when_every_training_that_applies_holds_at_month_end(client, cast, malmo):
    site, teams = malmo
    team = teams[6]
    members = list(team.members.order_by("pk"))
    # Valid through 28 February, the last day of that month: compliant then, expired in March.
    member = members[0]
    member.training_completions.filter(requirement__code="aml").update(
        completed_on=datetime.date(2026, 2, 28), valid_until=datetime.date(2027, 2, 28)
    )
    # GDPR never done, long after the grace period: not compliant in any month.
    members[1].training_completions.filter(requirement__code="gdpr").delete()
    # Both done on 10 March only: not compliant at the end of February, compliant in March.
    members[2].training_completions.update(completed_on=datetime.date(2027, 3, 10))
    # A newcomer who started on 1 March, nothing done yet: inside the 30-day grace period in March,
    # and not yet employed at the end of February.
    newcomer = AgentFactory(team=team, site=site, started_on=datetime.date(2027, 3, 1))
    # A requirement of another site does not apply to them.
    other = only("aml", "gdpr", "complaints")[2]
    other.sites.set([cast.other_site])
    client.force_login(cast.hr.user)
    response = client.get(report_url("trainings", team=team.pk, start="2027-02-01", end="2027-03-31"))

    february, mid_march = rows_by_label(response)["Six"].cells
    assert (february.people, february.sums["compliant"]) == (6, 4)  # members 1 and 2 not
    assert (mid_march.people, mid_march.sums["compliant"]) == (7, 5)  # members 0 and 1 not
    assert rows_by_label(response)["Six"].texts[-1].startswith("71")
    assert newcomer.pk not in [person.pk for person in members]


def test_people_who_left_before_month_end_or_to_whom_no_training_applies_are_not_counted(
    client, cast, malmo, settings
):
    settings.REPORT_MIN_GROUP_SIZE = 3
    site, teams = malmo
    Employee.objects.filter(pk=teams[6].members.order_by("pk").first().pk).update(
        ended_on=datetime.date(2027, 3, 10)
    )
    for training in only("aml", "gdpr"):
        training.roles = ["leader"]
        training.save()
    Employee.objects.filter(team__in=[teams[4], teams[6]]).update(role="leader")
    Employee.objects.filter(pk__in=teams[5].members.order_by("pk").values("pk")[:3]).update(role="leader")
    client.force_login(cast.hr.user)
    response = client.get(report_url("trainings", site=site.pk, start="2027-02-01", end="2027-03-31"))
    rows = rows_by_label(response)
    assert [cell.people for cell in rows["Six"].cells] == [6, 5]  # left on 10 March
    assert [cell.people for cell in rows["Five"].cells] == [3, 3]  # two agents: the trainings are for leaders


def test_the_csv_has_the_figures_of_the_page_and_no_small_group(client, cast, malmo):
    site, _teams = malmo
    client.force_login(cast.hr.user)
    response = client.get(
        reverse("dashboards:report_csv", args=["trainings"]), {"site": site.pk, "start": "2027-03-01"}
    )
    rows = csv_rows(response)
    assert rows[0] == ["Team", "Site", "Month", "People", "Compliant", "Share (%)"]
    assert ["Five", "Malmö", "2027-03", "5", "5", "100"] in rows
    assert ["All teams shown", "", "2027-03", "11", "11", "100"] in rows
    assert not any(row[0] in ("Four", "Other teams") for row in rows)
    assert 'filename="samtal-trainings-2027-03-2027-03.csv"' in response["Content-Disposition"]


def test_the_chart_draws_the_share_of_the_totals(client, cast, malmo):
    site, teams = malmo
    teams[6].members.first().training_completions.all().delete()
    client.force_login(cast.hr.user)
    chart = client.get(report_url("trainings", site=site.pk, start="2027-03-01")).context["chart"]
    assert chart.grouping == "month"
    assert chart.table_headers == ["Compliant"]
    assert chart.table_rows[-1][1] == [91]  # 10 of 11


def test_the_page_speaks_swedish(client, cast, malmo):
    site, _teams = malmo
    cast.hr.language = "sv"
    cast.hr.save()
    client.force_login(cast.hr.user)
    page = client.get(report_url("trainings", site=site.pk, start="2027-03-01")).content.decode()
    assert "Utbildningar uppfyllda" in page
    assert "Andel som uppfyllde alla obligatoriska utbildningar" in page


def test_a_manager_sees_the_teams_of_their_sites_only(client, cast, travel):
    only("aml")
    near = TeamFactory(name="Near", site=cast.site)
    far = TeamFactory(name="Far", site=cast.other_site)
    for team in (near, far):
        for person in AgentFactory.create_batch(5, team=team, site=team.site, started_on=LONG_AGO):
            completed(person, "aml", on=datetime.date(2026, 6, 1))
    client.force_login(cast.manager.user)
    response = client.get(report_url("trainings"))
    assert set(rows_by_label(response)) == {"Near"}
    assert "Far" not in response.content.decode()
    assert client.get(report_url("trainings", team=far.pk)).status_code == 404
    assert client.get(report_url("trainings", site=cast.other_site.pk)).status_code == 404
    csv_url = reverse("dashboards:report_csv", args=["trainings"])
    assert client.get(csv_url, {"team": far.pk}).status_code == 404
    assert client.get(report_url("trainings", team=near.pk)).status_code == 200


@pytest.mark.parametrize(("viewer", "status"), [("agent", 403), ("leader", 403), ("other_leader", 403)])
def test_leaders_and_agents_are_refused_by_the_url_policy(client, cast, viewer, status):
    client.force_login(getattr(cast, viewer).user)
    for url in (report_url("trainings"), reverse("dashboards:report_csv", args=["trainings"])):
        assert client.get(url).status_code == status
