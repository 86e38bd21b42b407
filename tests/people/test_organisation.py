"""HR sets up sites, teams and new people in the app; a manager the teams of their own sites."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from people.models import Employee, PositionChange, Site, Team
from tests.factories import AgentFactory, TeamFactory
from tests.provisioning.helpers import Scim, provisioning_key

ORGANISATION = reverse("people:organisation")


def person(**changes):
    data = {
        "first_name": "Ingrid",
        "last_name": "Berg",
        "email": "Ingrid.Berg@bank.example",
        "employee_number": "E-9001",
        "title": "Customer advisor",
        "role": "agent",
        "team_name": "cards",
        "started_on": "2027-01-04",
        "employment_type": "permanent",
        "shift": "evening",
        "language": "sv",
    }
    return data | changes


def test_hr_adds_a_site_a_team_and_a_person(client, cast):
    client.force_login(cast.hr.user)
    response = client.post(
        reverse("people:site_new"),
        {"name": "Bergen", "country": "no", "time_zone": "Europe/Oslo", "language": "nb"},
    )
    assert response.status_code == 302
    bergen = Site.objects.get(name="Bergen")
    assert bergen.country == "NO"
    response = client.post(
        reverse("people:team_new"),
        {"name": "Mortgages", "site": bergen.pk, "leader_number": cast.far_leader.employee_number},
    )
    assert response.status_code == 302
    assert Team.objects.get(name="Mortgages").leader == cast.far_leader

    response = client.post(reverse("people:employee_new"), person(site=cast.site.pk))

    ingrid = Employee.objects.get(employee_number="E-9001")
    assert response.url == ingrid.get_absolute_url()
    assert (ingrid.team, ingrid.shift, ingrid.user.email) == (
        cast.team,
        "evening",
        "ingrid.berg@bank.example",
    )
    assert not ingrid.user.has_usable_password()  # single sign-on, or "Forgot your password?"
    assert PositionChange.objects.get(employee=ingrid).recorded_by == cast.hr.user


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"team_name": "Savings"}, "team_name"),  # a team of another site
        ({"email": "agent@example.com"}, "email"),
        ({"employee_number": ""}, "employee_number"),
        ({"started_on": "4 January"}, "started_on"),
    ],
)
def test_a_new_person_with_bad_input_is_refused_whole(client, cast, changes, field):
    get_user_model().objects.filter(pk=cast.agent.user.pk).update(username="agent@example.com")
    client.force_login(cast.hr.user)
    before = (Employee.objects.count(), get_user_model().objects.count())
    response = client.post(reverse("people:employee_new"), person(site=cast.site.pk, **changes))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert (Employee.objects.count(), get_user_model().objects.count()) == before


def test_an_unknown_leader_number_is_refused(client, cast):
    client.force_login(cast.hr.user)
    response = client.post(
        reverse("people:team_new"), {"name": "X", "site": cast.site.pk, "leader_number": "nobody"}
    )
    assert "leader_number" in response.context["form"].errors
    assert not Team.objects.filter(name="X").exists()


def test_a_team_with_a_leader_gets_a_new_one_through_the_handover(client, cast):
    client.force_login(cast.hr.user)
    response = client.post(
        reverse("people:team_edit", args=[cast.team.pk]),
        {"name": "Cards", "site": cast.site.pk, "leader_number": cast.other_leader.employee_number},
    )
    assert response.status_code == 200
    assert "handover" in response.content.decode()
    cast.team.refresh_from_db()
    assert cast.team.leader == cast.leader


def test_a_manager_sets_up_teams_of_their_sites_only(client, cast):
    client.force_login(cast.manager.user)
    assert client.post(reverse("people:team_new"), {"name": "Chat", "site": cast.site.pk}).status_code == 302
    response = client.post(reverse("people:team_new"), {"name": "Chat", "site": cast.other_site.pk})
    assert "site" in response.context["form"].errors
    assert client.get(reverse("people:team_edit", args=[cast.far_team.pk])).status_code == 404
    assert client.get(reverse("people:site_new")).status_code == 403
    assert client.get(reverse("people:employee_new")).status_code == 403
    page = client.get(ORGANISATION).content.decode()
    assert cast.site.name in page and cast.other_site.name not in page
    assert cast.team.name in client.get(f"{ORGANISATION}?site={cast.site.pk}").content.decode()
    assert client.get(f"{ORGANISATION}?site={cast.other_site.pk}").status_code == 404
    assert client.get(f"{ORGANISATION}?site=x").status_code == 400


@pytest.mark.parametrize("who", ["agent", "leader", "trainer"])
def test_agents_leaders_and_trainers_do_not_set_up_the_organisation(client, cast, who):
    client.force_login(getattr(cast, who).user)
    for url in (ORGANISATION, reverse("people:team_edit", args=[cast.team.pk]), reverse("people:site_new")):
        assert client.get(url).status_code == 403


@pytest.mark.parametrize("teams", [2, 30])
def test_the_organisation_page_runs_a_fixed_number_of_queries(
    client, cast, teams, django_assert_max_num_queries
):
    for team in TeamFactory.create_batch(teams, site=cast.site):
        AgentFactory.create_batch(2, team=team)
    client.force_login(cast.hr.user)
    with django_assert_max_num_queries(8):
        assert client.get(ORGANISATION).status_code == 200
    with django_assert_max_num_queries(10):
        response = client.get(f"{ORGANISATION}?site={cast.site.pk}")
    assert response.status_code == 200
    assert 'href="/coaching/handover/' in response.content.decode()  # HR changes a leader from here


def test_hr_sees_the_teams_whose_leader_was_switched_off_by_the_identity_provider(client, cast):
    scim = Scim(client, provisioning_key(cast.hr.user))
    off = scim.patch(f"Users/{cast.leader.pk}", {"op": "Replace", "path": "active", "value": "False"})
    assert off.status_code == 200
    client.force_login(cast.hr.user)
    overview = client.get(ORGANISATION)
    counts = {site.name: site.needing_a_leader for site in overview.context["sites"]}
    assert counts == {"Uppsala": 1, "Oslo": 0}
    listed = client.get(ORGANISATION, {"site": cast.site.pk, "needs_leader": "on"})
    assert [team.name for team in listed.context["page"]] == ["Cards"]
    assert "Last day" in listed.content.decode()
    assert len(client.get(ORGANISATION, {"site": cast.site.pk}).context["page"]) == 2


def test_a_team_without_a_leader_or_with_one_who_cannot_sign_in_needs_a_leader(cast):
    Team.objects.filter(pk=cast.far_team.pk).update(leader=None)
    get_user_model().objects.filter(pk=cast.other_leader.user_id).update(is_active=False)
    assert set(Team.objects.needing_a_leader()) == {cast.far_team, cast.other_team}


def test_a_manager_counts_only_the_teams_of_their_sites_needing_a_leader(client, cast):
    Team.objects.filter(pk=cast.far_team.pk).update(leader=None)
    client.force_login(cast.manager.user)
    overview = client.get(ORGANISATION)
    assert [(site.name, site.needing_a_leader) for site in overview.context["sites"]] == [("Uppsala", 0)]
    listed = client.get(ORGANISATION, {"site": cast.site.pk, "needs_leader": "on"})
    assert list(listed.context["page"]) == []
    assert client.get(ORGANISATION, {"site": cast.other_site.pk, "needs_leader": "on"}).status_code == 404


def test_the_team_list_speaks_swedish_about_a_leader_who_leaves(client, cast):
    Employee.objects.filter(pk=cast.leader.pk).update(ended_on="2027-01-29")
    cast.hr.language = "sv"
    cast.hr.save()
    client.force_login(cast.hr.user)
    page = client.get(ORGANISATION, {"site": cast.site.pk, "needs_leader": "on"}).content.decode()
    assert "Sista dag" in page and "Team som behöver en teamledare" in page
