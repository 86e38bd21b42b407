"""The people lists of managers and HR: no select of every team, but a team search (htmx) within the
site chosen, and the chosen team kept in the filter."""

import pytest
from django.urls import reverse

from people import views
from tests.factories import AgentFactory, TeamFactory

DIRECTORY = reverse("people:directory")
TEAM_OPTIONS = reverse("people:team_options")


def team_options(response):
    field = response.context["filter"].form["team"]
    return [value for value, label in field.field.widget.choices if value != ""]


def test_the_directory_lists_no_teams_until_one_is_chosen(client, cast):
    TeamFactory.create_batch(5, site=cast.site)
    client.force_login(cast.hr.user)
    assert team_options(client.get(DIRECTORY)) == []

    chosen = client.get(DIRECTORY, {"team": cast.far_team.pk})
    assert team_options(chosen) == [cast.far_team.pk]
    assert set(chosen.context["page"].object_list) == {cast.far_agent}
    assert f'<option value="{cast.far_team.pk}" selected>' in chosen.content.decode()


def test_the_team_search_field_does_not_filter_people(client, cast):
    client.force_login(cast.hr.user)
    response = client.get(DIRECTORY, {"team_search": "nothing like it"})
    assert response.context["page"].paginator.count == 11  # the cast's employees


def test_a_leader_picks_among_the_teams_they_lead_without_a_search(client, cast):
    client.force_login(cast.leader.user)
    response = client.get(reverse("people:roster"))
    assert "team_search" not in response.context["filter"].form.fields
    assert team_options(response) == [cast.team.pk]


def test_the_team_search_offers_matching_teams_of_the_site_in_scope(client, cast):
    TeamFactory(name="Cards Premium", site=cast.site)
    TeamFactory(name="Cards", site=cast.other_site, leader=None)
    client.force_login(cast.manager.user)

    response = client.get(TEAM_OPTIONS, {"team_search": "card"})

    # the Oslo team is outside the manager's scope
    assert [team.name for team in response.context["teams"]] == ["Cards", "Cards Premium"]
    assert f'<option value="{cast.team.pk}">Cards · Uppsala</option>' in response.content.decode()


def test_hr_narrows_the_team_search_to_a_site(client, cast):
    client.force_login(cast.hr.user)
    everywhere = client.get(TEAM_OPTIONS).context["teams"]
    in_oslo = client.get(TEAM_OPTIONS, {"site": cast.other_site.pk}).context["teams"]
    assert set(everywhere) == {cast.team, cast.other_team, cast.far_team}
    assert in_oslo == [cast.far_team]


def test_the_team_search_says_when_more_teams_match_than_it_shows(client, cast, monkeypatch):
    monkeypatch.setattr(views, "TEAM_OPTIONS", 2)
    client.force_login(cast.hr.user)
    response = client.get(TEAM_OPTIONS)
    assert len(response.context["teams"]) == 2 and response.context["more"]
    assert "disabled" in response.content.decode()


@pytest.mark.parametrize(
    ("viewer", "status"), [("agent", 403), ("leader", 403), ("manager", 200), ("hr", 200)]
)
def test_the_team_search_is_for_managers_and_hr(client, cast, viewer, status):
    client.force_login(getattr(cast, viewer).user)
    assert client.get(TEAM_OPTIONS).status_code == status


def test_a_bad_site_is_a_bad_request(client, cast):
    client.force_login(cast.hr.user)
    assert client.get(TEAM_OPTIONS, {"site": "Oslo"}).status_code == 400


def test_people_of_a_team_found_through_the_search_are_listed(client, cast):
    member = AgentFactory(team=cast.other_team)
    client.force_login(cast.manager.user)
    response = client.get(DIRECTORY, {"site": cast.site.pk, "team": cast.other_team.pk})
    assert set(response.context["page"].object_list) == {cast.other_agent, member}
