"""The trainings matrix: leaders their team, managers their sites' teams, HR the sites then teams
then people; filters; the CSV export as compliance evidence; constant query counts."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from onboarding.models import SiteCompliance
from onboarding.tasks import site_compliance_refresh_task
from onboarding.trainings import Status, site_compliance_refresh
from tests.onboarding.training_helpers import completed, expiring_in, only, organisation, requirement

pytestmark = pytest.mark.clock
MATRIX = reverse("onboarding:training_matrix")
EXPORT = reverse("onboarding:training_export")


def names(response):
    return sorted(row.employee.user.username for row in response.context["rows"])


def groups(response):
    return {str(group.name): compliance.percent for group, compliance in response.context["groups"]}


def test_a_leader_sees_their_team_person_by_person_and_its_share(client, cast):
    only("aml")
    completed(cast.agent)
    client.force_login(cast.leader.user)
    response = client.get(MATRIX)
    assert response.status_code == 200 and response.context["level"] == "people"
    assert names(response) == ["agent", "teammate"]
    assert groups(response) == {"Cards": 50}
    statuses = {row.employee.user.username: row.cells[0].status for row in response.context["rows"]}
    assert statuses == {"agent": Status.VALID, "teammate": Status.MISSING}


@pytest.mark.parametrize("params", [{"team": "other"}, {"site": "other"}])
def test_a_leader_cannot_reach_another_team(client, cast, params):
    client.force_login(cast.leader.user)
    value = cast.other_team.pk if "team" in params else cast.other_site.pk
    assert client.get(MATRIX, {next(iter(params)): value}).status_code == 400
    assert client.get(EXPORT, {next(iter(params)): value}).status_code == 400


def test_a_manager_sees_the_teams_of_their_site_and_drills_into_one(client, cast):
    only("aml")
    completed(cast.agent)
    completed(cast.other_agent)
    client.force_login(cast.manager.user)
    response = client.get(MATRIX)
    assert response.context["level"] == "teams"
    assert groups(response) == {"Cards": 50, "Loans": 100}
    assert client.get(MATRIX, {"team": cast.far_team.pk}).status_code == 400
    team = client.get(MATRIX, {"team": cast.team.pk})
    assert team.context["level"] == "people" and names(team) == ["agent", "teammate"]


def test_hr_sees_sites_first_then_teams_then_people(client, cast):
    only("aml")
    completed(cast.far_agent)
    client.force_login(cast.hr.user)
    sites = client.get(MATRIX)
    assert sites.context["level"] == "sites"
    assert set(groups(sites)) == {"Uppsala", "Oslo"}
    assert groups(sites)["Oslo"] == 33  # the far agent; their leader and the Oslo manager have not
    teams = client.get(MATRIX, {"site": cast.other_site.pk})
    assert teams.context["level"] == "teams" and groups(teams) == {"Savings": 100}
    people = client.get(MATRIX, {"team": cast.far_team.pk})
    assert names(people) == ["far_agent"]


def test_filters_narrow_the_people_to_a_training_and_a_status(client, cast):
    only("aml", "gdpr")
    completed(cast.agent, "aml")
    expiring_in(cast.teammate, "gdpr", days=3)
    client.force_login(cast.leader.user)
    gdpr = client.get(MATRIX, {"requirement": only("aml", "gdpr")[1].pk})
    assert [r.code for r in gdpr.context["requirements"]] == ["gdpr"]
    expiring = client.get(MATRIX, {"status": Status.EXPIRING})
    assert names(expiring) == ["teammate"]
    assert client.get(MATRIX, {"status": "bogus"}).status_code == 400
    assert client.get(MATRIX, {"page": "x"}).status_code == 400


def test_agents_and_trainers_have_no_matrix(client, cast):
    for person in (cast.agent, cast.trainer):
        client.force_login(person.user)
        assert client.get(MATRIX).status_code == 403
        assert client.get(EXPORT).status_code == 403


def test_the_export_lists_who_completed_what_when_and_until_when(client, cast):
    only("aml")
    done = completed(cast.agent, evidence="C-1")
    client.force_login(cast.leader.user)
    response = client.get(EXPORT)
    assert response.status_code == 200 and response.streaming
    assert response["Content-Disposition"].startswith('attachment; filename="trainings-')
    rows = list(
        csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")), delimiter=";")
    )
    assert rows[0][:3] == ["Employee number", "Name", "Site"]
    by_number = {row[0]: row for row in rows[1:]}
    assert by_number[cast.agent.employee_number][4:] == [
        "aml",
        "Anti-money laundering",
        "Valid",
        done.completed_on.isoformat(),
        done.valid_until.isoformat(),
        "",
    ]
    assert by_number[cast.teammate.employee_number][6] == "Never done"
    assert set(by_number) == {cast.agent.employee_number, cast.teammate.employee_number}


def test_the_export_speaks_the_viewers_language(client, cast):
    only("aml")
    cast.hr.language = "sv"
    cast.hr.save()
    client.force_login(cast.hr.user)
    text = b"".join(client.get(EXPORT, {"team": cast.team.pk}).streaming_content).decode("utf-8-sig")
    assert "Anställningsnummer" in text and "Åtgärder mot penningtvätt" in text


# Every request: session, user, the viewer's employee record (3; the session is written about once a
# minute, not by these requests). Then the requirements and their sites (2), the paginator's count and its page (people,
# teams or sites), the teams shown (none more when one team is chosen), the compliance counts (people,
# completions; HR's sites: the worker's counts, one query), the filter's choices (sites, trainings, and
# a leader's teams; others search for a team; a leader has no site filter), and the site or team chosen
# in the filter.
@pytest.mark.parametrize("size", [250, 2500])
@pytest.mark.parametrize(
    ("viewer", "params", "queries"),
    [
        ("leader", {}, 12),
        ("manager", {}, 11),
        ("hr", {}, 10),
        ("hr", {"site": "site"}, 12),
        ("hr", {"team": "team"}, 12),
    ],
)
def test_the_matrix_runs_the_same_queries_at_250_and_2500_people(
    client, cast, size, viewer, params, queries, django_assert_max_num_queries
):
    organisation(cast, size)
    site_compliance_refresh(now=timezone.now())
    params = {name: getattr(cast, value).pk for name, value in params.items()}
    client.force_login(getattr(cast, viewer).user)
    with django_assert_max_num_queries(queries):
        response = client.get(MATRIX, params)
    assert response.status_code == 200
    if response.context["level"] == "people":
        assert len(response.context["rows"]) == min(30, response.context["page"].paginator.count)


def test_the_export_streams_a_large_scope_in_a_constant_number_of_queries(
    client, cast, django_assert_max_num_queries
):
    organisation(cast, 600)
    client.force_login(cast.hr.user)
    with django_assert_max_num_queries(12):
        response = client.get(EXPORT)
        lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert len(lines) > 600 * 3
    assert timezone.now()


def counted(response):
    return {str(group.name): (c.people, dict(c.counts)) for group, c in response.context["groups"]}


def test_hrs_sites_are_the_workers_counts_and_the_same_as_counted_live(client, cast):
    aml, gdpr = only("aml", "gdpr")
    completed(cast.agent, "aml")
    expiring_in(cast.far_agent, "gdpr", days=3)
    completed(cast.other_agent, "gdpr", days_ago=800)  # expired since
    client.force_login(cast.hr.user)
    every, one = {}, {"requirement": gdpr.pk}
    live = {"every": client.get(MATRIX, every), "one": client.get(MATRIX, one)}
    assert live["every"].context["as_of"] is None
    site_compliance_refresh(now=timezone.now())
    stored = {"every": client.get(MATRIX, every), "one": client.get(MATRIX, one)}
    for key in live:
        assert stored[key].context["as_of"] is not None
        assert counted(stored[key]) == counted(live[key])
    assert b'id="matrix-as-of"' in stored["every"].content
    assert counted(stored["one"])["Oslo"][1][Status.EXPIRING] == 1


def test_counts_older_than_twice_the_refresh_interval_are_not_read(client, cast, settings):
    only("aml")
    site_compliance_refresh(
        now=timezone.now() - datetime.timedelta(minutes=2 * settings.REPORT_REFRESH_MINUTES + 1)
    )
    completed(cast.agent)
    client.force_login(cast.hr.user)
    response = client.get(MATRIX)
    assert response.context["as_of"] is None
    assert counted(response)["Uppsala"][1][Status.VALID] == 1


def test_a_training_not_yet_counted_is_counted_live(client, cast):
    only("aml")
    site_compliance_refresh(now=timezone.now())
    gdpr = requirement("gdpr")
    gdpr.is_active = True
    gdpr.save()
    client.force_login(cast.hr.user)
    assert client.get(MATRIX).context["as_of"] is None
    assert client.get(MATRIX, {"requirement": requirement("aml").pk}).context["as_of"] is not None


def test_a_refresh_replaces_the_counts_of_trainings_no_longer_in_force(cast):
    only("aml", "gdpr")
    site_compliance_refresh(now=timezone.now() - datetime.timedelta(minutes=1))
    only("aml")
    written = site_compliance_refresh(now=timezone.now())
    assert written == SiteCompliance.objects.count() == 2  # aml at Uppsala and Oslo
    assert set(SiteCompliance.objects.values_list("requirement__code", flat=True)) == {"aml"}


def test_the_worker_counts_the_sites_on_the_report_schedule(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["site-compliance-refresh"]
    assert entry["schedule"] == 60.0 * settings.REPORT_REFRESH_MINUTES
    assert site_compliance_refresh_task.name == entry["task"]


@pytest.mark.parametrize("viewer", ["manager", "leader"])
def test_managers_and_leaders_are_always_counted_live(client, cast, viewer):
    only("aml")
    site_compliance_refresh(now=timezone.now())
    client.force_login(getattr(cast, viewer).user)
    assert client.get(MATRIX).context["as_of"] is None


def test_a_manager_searches_their_teams_instead_of_a_list_of_them_all(client, cast):
    only("aml")
    client.force_login(cast.manager.user)
    form = client.get(MATRIX).context["query"]
    assert "team_search" in form.fields
    assert list(form.fields["team"].widget.choices) == [("", "---------")]
    chosen = client.get(MATRIX, {"team": cast.team.pk, "team_search": "car"})
    assert chosen.context["level"] == "people" and names(chosen) == ["agent", "teammate"]
    assert [label for _value, label in chosen.context["query"].fields["team"].widget.choices][1:] == [
        "Cards · Uppsala"
    ]


def test_a_leader_picks_among_their_own_teams(client, cast):
    client.force_login(cast.leader.user)
    form = client.get(MATRIX).context["query"]
    assert "team_search" not in form.fields
