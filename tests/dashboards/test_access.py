"""Who reaches the dashboards, and that everything they show comes from their scope (404 outside it)."""

import pytest
from django.urls import reverse

import dashboards.urls

DASHBOARD = reverse("dashboards:leader_dashboard")
COVERAGE = reverse("dashboards:coverage")


def log_in(client, cast, name):
    person = getattr(cast, name)
    client.force_login(getattr(person, "user", person))  # superuser and no_employee are plain users


def overview(person):
    return reverse("dashboards:employee_overview", args=[person.pk])


def test_every_dashboards_url_has_an_access_rule():
    names = {pattern.name for pattern in dashboards.urls.urlpatterns}
    assert names == set(dashboards.urls.access)


@pytest.mark.parametrize(
    ("viewer", "status"),
    [("agent", 403), ("trainer", 403), ("no_employee", 403), ("leader", 200), ("manager", 302), ("hr", 302)],
)
def test_the_leader_dashboard_is_for_leaders_and_sends_managers_to_coverage(client, cast, viewer, status):
    log_in(client, cast, viewer)
    response = client.get(DASHBOARD)
    assert response.status_code == status
    if status == 302:
        assert response.url == COVERAGE


@pytest.mark.parametrize(
    ("viewer", "team", "status"),
    [
        ("leader", "team", 200),
        ("leader", "other_team", 404),
        ("leader", "far_team", 404),
        ("manager", "team", 200),
        ("manager", "other_team", 200),
        ("manager", "far_team", 404),
        ("other_manager", "team", 404),
        ("hr", "far_team", 200),
    ],
)
def test_a_team_outside_the_viewers_scope_is_not_found(client, cast, viewer, team, status):
    client.force_login(getattr(cast, viewer).user)
    team = getattr(cast, team)
    response = client.get(DASHBOARD, {"team": team.pk})
    assert response.status_code == status
    if status == 404:
        assert team.name not in response.content.decode()


def test_a_team_parameter_that_is_not_a_number_is_not_found(client, cast):
    client.force_login(cast.manager.user)
    assert client.get(DASHBOARD, {"team": "cards"}).status_code == 404


def test_a_leader_sees_exactly_the_members_of_the_teams_they_lead(client, cast):
    client.force_login(cast.leader.user)
    rows = client.get(DASHBOARD).context["rows"]
    assert {row.employee for row in rows} == {cast.agent, cast.teammate}


def test_a_manager_sees_a_team_of_their_site_read_only(client, cast):
    client.force_login(cast.manager.user)
    response = client.get(DASHBOARD, {"team": cast.team.pk})
    assert {row.employee for row in response.context["rows"]} == {cast.agent, cast.teammate}
    assert reverse("coaching:conversation_schedule") not in response.content.decode()


@pytest.mark.parametrize(
    ("viewer", "status"),
    [("agent", 403), ("leader", 403), ("trainer", 403), ("manager", 200), ("hr", 200), ("superuser", 200)],
)
def test_coverage_is_for_managers_and_hr(client, cast, viewer, status):
    log_in(client, cast, viewer)
    assert client.get(COVERAGE).status_code == status


def teams_listed(client):
    """The teams of the coverage page: at once for a viewer with one site, else on each site of the summary."""
    response = client.get(COVERAGE)
    if "teams" in response.context:
        return {line.team for line in response.context["teams"]}
    teams = set()
    for line in response.context["sites"]:
        teams |= {line.team for line in client.get(COVERAGE, {"site": line.site.pk}).context["teams"]}
    return teams


@pytest.mark.parametrize(
    ("viewer", "teams"),
    [
        ("manager", {"team", "other_team"}),
        ("other_manager", {"far_team"}),
        ("hr", {"team", "other_team", "far_team"}),
    ],
)
def test_coverage_lists_the_teams_at_the_viewers_sites(client, cast, viewer, teams):
    client.force_login(getattr(cast, viewer).user)
    assert teams_listed(client) == {getattr(cast, name) for name in teams}


def test_a_manager_who_follows_another_site_sees_its_teams_too(client, cast):
    cast.manager.managed_sites.add(cast.other_site)
    client.force_login(cast.manager.user)
    assert {line.site for line in client.get(COVERAGE).context["sites"]} == {cast.site, cast.other_site}
    assert cast.far_team in teams_listed(client)


@pytest.mark.parametrize("site", ["other_site", "unknown"])
def test_a_site_outside_the_viewers_scope_is_not_found(client, cast, site):
    client.force_login(cast.manager.user)
    pk = getattr(cast, site).pk if site != "unknown" else 99999
    assert client.get(COVERAGE, {"site": pk}).status_code == 404
    assert client.get(COVERAGE, {"site": "x"}).status_code == 400


@pytest.mark.parametrize(
    ("viewer", "person", "status"),
    [
        ("agent", "agent", 200),
        ("agent", "teammate", 404),
        ("leader", "agent", 200),
        ("leader", "other_agent", 404),
        ("leader", "far_agent", 404),
        ("other_leader", "agent", 404),
        ("manager", "agent", 200),
        ("manager", "far_agent", 404),
        ("hr", "far_agent", 200),
        ("trainer", "agent", 404),
    ],
)
def test_the_employee_overview_is_found_only_within_scope(client, cast, viewer, person, status):
    client.force_login(getattr(cast, viewer).user)
    person = getattr(cast, person)
    response = client.get(overview(person))
    assert response.status_code == status
    if status == 404:
        assert person.full_name not in response.content.decode()


@pytest.mark.parametrize(("viewer", "can_coach"), [("leader", True), ("manager", False), ("hr", False)])
def test_only_the_leader_gets_the_schedule_and_log_actions_on_the_overview(client, cast, viewer, can_coach):
    client.force_login(getattr(cast, viewer).user)
    content = client.get(overview(cast.agent)).content.decode()
    assert (reverse("coaching:conversation_schedule") in content) is can_coach
    assert (reverse("coaching:conversation_log") in content) is can_coach


@pytest.mark.parametrize(
    ("viewer", "entry"), [("leader", "Dashboard"), ("manager", "Coverage"), ("hr", "Coverage")]
)
def test_the_navigation_offers_each_role_its_dashboard(client, cast, viewer, entry):
    client.force_login(getattr(cast, viewer).user)
    content = client.get(reverse("people:my_profile")).content.decode()
    url = DASHBOARD if entry == "Dashboard" else COVERAGE
    assert f'href="{url}">{entry}</a>' in content


def test_an_agent_gets_no_dashboard_entry(client, cast):
    client.force_login(cast.agent.user)
    content = client.get(reverse("people:my_profile")).content.decode()
    assert DASHBOARD not in content
    assert COVERAGE not in content
