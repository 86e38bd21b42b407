"""Shared expectations: who writes them, who must acknowledge them, versions and what changed."""

import pytest
from django.urls import reverse

from goals import services
from goals.models import Acknowledgement, Expectation


def team_expectation(cast, text="We answer every e-mail within one working day."):
    return services.expectation_create(
        author=cast.leader, scope=Expectation.Scope.TEAM, team=cast.team, title="E-mail", text=text
    )


def test_an_employee_sees_organisation_site_and_team_expectations_that_apply_to_them(cast):
    org = services.expectation_create(author=cast.hr, scope="organisation", title="Fair", text="Be fair.")
    site = services.expectation_create(
        author=cast.manager, scope="site", site=cast.site, title="Quiet", text="Hush."
    )
    team = team_expectation(cast)
    services.expectation_create(
        author=cast.other_leader, scope="team", team=cast.other_team, title="Loans", text="x"
    )
    services.expectation_create(
        author=cast.other_manager, scope="site", site=cast.other_site, title="Oslo", text="x"
    )

    assert set(Expectation.objects.applicable_to(cast.agent)) == {org, site, team}
    assert set(Expectation.objects.unacknowledged_by(cast.agent)) == {org, site, team}


def test_a_leader_writes_their_team_expectations_through_the_page(client, cast):
    client.force_login(cast.leader.user)
    response = client.post(
        reverse("goals:expectation_create"),
        {
            "scope": "team",
            "team": cast.team.pk,
            "title": "Solve it first time",
            "text": "Whenever we have the mandate.",
        },
    )
    expectation = Expectation.objects.get()
    assert response.status_code == 302
    assert (expectation.team, expectation.version_number, expectation.created_by) == (
        cast.team,
        1,
        cast.leader,
    )


def test_a_leader_cannot_write_for_another_team_or_the_whole_site(client, cast):
    client.force_login(cast.leader.user)
    client.post(
        reverse("goals:expectation_create"),
        {"scope": "team", "team": cast.other_team.pk, "title": "x", "text": "y"},
    )
    client.post(
        reverse("goals:expectation_create"),
        {"scope": "site", "site": cast.site.pk, "title": "x", "text": "y"},
    )
    assert not Expectation.objects.exists()


@pytest.mark.parametrize(
    ("writer", "scope", "allowed"),
    [
        ("hr", "organisation", True),
        ("manager", "site", True),
        ("leader", "team", True),
        ("leader", "organisation", False),
        ("manager", "organisation", False),
        ("agent", "team", False),
    ],
)
def test_who_writes_which_expectations(cast, writer, scope, allowed):
    target = {"site": {"site": cast.site}, "team": {"team": cast.team}, "organisation": {}}[scope]
    expectation = services.expectation_create(author=None, scope=scope, title="x", text="y", **target)
    editable = Expectation.objects.editable_by(getattr(cast, writer).user)
    assert editable.filter(pk=expectation.pk).exists() is allowed


def test_acknowledging_records_the_version_and_the_question(client, cast):
    expectation = team_expectation(cast)
    client.force_login(cast.agent.user)
    response = client.post(
        reverse("goals:expectation_acknowledge", args=[expectation.pk]), {"comment": "Also on Saturdays?"}
    )
    assert response.status_code == 302
    acknowledgement = Acknowledgement.objects.get()
    assert (acknowledgement.employee, acknowledgement.version.number) == (cast.agent, 1)
    assert acknowledgement.comment == "Also on Saturdays?"
    assert not Expectation.objects.unacknowledged_by(cast.agent).exists()
    client.post(reverse("goals:expectation_acknowledge", args=[expectation.pk]))  # a double click
    assert Acknowledgement.objects.count() == 1


def test_a_new_version_must_be_acknowledged_again_and_the_old_acknowledgement_stays(cast):
    expectation = team_expectation(cast)
    services.acknowledgement_record(employee=cast.agent, expectation=expectation)
    changed = services.expectation_update(
        expectation=expectation,
        author=cast.leader,
        title="E-mail",
        text="We answer every e-mail the same day.",
    )
    assert changed and expectation.version_number == 2
    assert list(Expectation.objects.unacknowledged_by(cast.agent)) == [expectation]
    assert set(expectation.pending_members()) == {cast.agent, cast.teammate}
    assert Acknowledgement.objects.get().version.number == 1


def test_saving_the_same_wording_makes_no_new_version(cast):
    expectation = team_expectation(cast)
    assert not services.expectation_update(
        expectation=expectation, author=cast.leader, title=expectation.title, text=expectation.text
    )
    assert expectation.versions.count() == 1


def test_an_archived_expectation_needs_no_acknowledgement(cast):
    expectation = team_expectation(cast)
    services.expectation_set_active(expectation=expectation, is_active=False)
    assert not Expectation.objects.unacknowledged_by(cast.agent).exists()


def test_the_leader_sees_who_acknowledged_which_version(client, cast):
    expectation = team_expectation(cast)
    services.acknowledgement_record(employee=cast.agent, expectation=expectation)
    services.expectation_update(expectation=expectation, author=cast.leader, title="E-mail", text="Same day.")
    services.acknowledgement_record(employee=cast.teammate, expectation=expectation)
    client.force_login(cast.leader.user)
    response = client.get(reverse("goals:expectation_status", args=[expectation.pk]))
    assert [m.pk for m in response.context["current"]] == [cast.teammate.pk]
    assert [m.pk for m in response.context["older"]] == [cast.agent.pk]
    assert response.context["never"] == []


def test_a_member_sees_what_changed_since_the_version_they_acknowledged(client, cast):
    expectation = team_expectation(cast, text="We answer within one working day.")
    services.acknowledgement_record(employee=cast.agent, expectation=expectation)
    services.expectation_update(
        expectation=expectation, author=cast.leader, title="E-mail", text="We answer within two hours."
    )
    services.expectation_update(
        expectation=expectation, author=cast.leader, title="E-mail", text="We answer within one hour."
    )
    client.force_login(cast.agent.user)
    response = client.get(reverse("goals:expectation_diff", args=[expectation.pk]))
    assert (response.context["old"].number, response.context["new"].number) == (1, 3)
    assert "<del>working day</del><ins>hour</ins>" in response.content.decode().replace("one ", "")


def test_expectation_text_is_rendered_as_escaped_paragraphs(client, cast):
    expectation = team_expectation(cast, text="First <b>paragraph</b>.\n\n<script>alert(1)</script>")
    client.force_login(cast.agent.user)
    page = client.get(expectation.get_absolute_url()).content.decode()
    assert "<p>First &lt;b&gt;paragraph&lt;/b&gt;.</p>" in page
    assert "<script>alert(1)</script>" not in page


def test_team_goals_page_lists_who_has_not_acknowledged(client, cast):
    expectation = team_expectation(cast)
    services.acknowledgement_record(employee=cast.agent, expectation=expectation)
    client.force_login(cast.leader.user)
    [row] = client.get(reverse("goals:team_goals")).context["expectations"]
    assert row["total"] == 2 and [m.pk for m in row["missing"]] == [cast.teammate.pk]


def test_acknowledgement_overview_counts_per_expectation(client, cast):
    expectation = team_expectation(cast)
    services.acknowledgement_record(employee=cast.agent, expectation=expectation)
    client.force_login(cast.leader.user)
    [row] = client.get(reverse("goals:expectation_list")).context["overview"]
    assert (row["done"], row["total"], row["missing"], row["can_edit"]) == (1, 2, 1, True)
