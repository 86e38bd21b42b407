"""The trainings matrix: leaders their team, managers their sites' teams, HR the sites then teams
then people; filters; the CSV export as compliance evidence; constant query counts."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from onboarding.trainings import Status
from tests.onboarding.training_helpers import completed, expiring_in, only, organisation

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
# completions), the filter's choices (sites, teams, trainings; a leader has no site filter), and the
# site or team chosen in the filter.
@pytest.mark.parametrize("size", [250, 2500])
@pytest.mark.parametrize(
    ("viewer", "params", "queries"),
    [
        ("leader", {}, 12),
        ("manager", {}, 12),
        ("hr", {}, 11),
        ("hr", {"site": "site"}, 13),
        ("hr", {"team": "team"}, 13),
    ],
)
def test_the_matrix_runs_the_same_queries_at_250_and_2500_people(
    client, cast, size, viewer, params, queries, django_assert_max_num_queries
):
    organisation(cast, size)
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
