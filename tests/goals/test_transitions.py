"""Each transition names the state it expects: repeats are quiet or a translated message, never a 500."""

import datetime
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from goals import services
from goals.models import Acknowledgement, Expectation, Goal
from tests.goals.factories import GoalFactory

NOW = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Oslo"))


def team_expectation(cast):
    return services.expectation_create(
        author=cast.leader,
        scope=Expectation.Scope.TEAM,
        team=cast.team,
        title="E-mail",
        text="Same day.",
        now=NOW,
    )


def test_agreeing_again_records_nothing_new(cast):
    goal = GoalFactory(employee=cast.agent, status=Goal.Status.PROPOSED, employee_agreed_at=None)
    services.goal_agree(goal=goal, by=cast.agent, now=NOW)
    entries = goal.history.count()
    services.goal_agree(goal=goal, by=cast.agent, now=NOW + datetime.timedelta(hours=1))
    goal.refresh_from_db()
    assert goal.employee_agreed_at == NOW and goal.history.count() == entries


def test_a_stale_page_agrees_on_what_is_stored_not_on_what_it_showed(cast):
    goal = GoalFactory(
        employee=cast.agent, status=Goal.Status.PROPOSED, employee_agreed_at=None, leader_agreed_at=None
    )
    stale = Goal.objects.get(pk=goal.pk)
    services.goal_agree(goal=goal, by=cast.leader, now=NOW)
    services.goal_agree(goal=stale, by=cast.agent, now=NOW)  # this copy still shows no leader agreement
    goal.refresh_from_db()
    assert goal.status == Goal.Status.AGREED and goal.leader_agreed_by == cast.leader


def test_a_second_outcome_is_refused_with_a_translated_message(client, cast):
    goal = GoalFactory(employee=cast.agent)
    services.goal_decide(goal=Goal.objects.get(pk=goal.pk), by=cast.leader, outcome="achieved", now=NOW)
    with pytest.raises(ValidationError):
        services.goal_decide(goal=goal, by=cast.leader, outcome="dropped", now=NOW)  # an old copy
    cast.leader.language = "nb"
    cast.leader.save()
    client.force_login(cast.leader.user)
    response = client.post(reverse("goals:goal_decide", args=[goal.pk]), {"outcome": "dropped"}, follow=True)
    assert response.status_code == 200
    assert "Dette målet har allerede et resultat." in response.content.decode()
    goal.refresh_from_db()
    assert goal.status == Goal.Status.ACHIEVED


def test_proposing_a_goal_twice_is_refused(cast):
    goal = GoalFactory(
        employee=cast.agent, status=Goal.Status.DRAFT, employee_agreed_at=None, leader_agreed_at=None
    )
    services.goal_propose(goal=Goal.objects.get(pk=goal.pk), by=cast.agent, now=NOW)
    with pytest.raises(ValidationError):
        services.goal_propose(goal=goal, by=cast.agent, now=NOW)


def test_acknowledging_twice_keeps_one_acknowledgement_and_the_comment_once(cast):
    expectation = team_expectation(cast)
    for _ in range(2):
        services.acknowledgement_record(
            employee=cast.agent,
            expectation=expectation,
            version_id=expectation.current_version_id,
            comment="Weekends?",
        )
    assert Acknowledgement.objects.get(employee=cast.agent).comment == "Weekends?"


def test_acknowledging_a_version_that_was_replaced_meanwhile_is_refused(client, cast):
    expectation = team_expectation(cast)
    read = expectation.current_version_id
    services.expectation_update(
        expectation=expectation, author=cast.leader, title="E-mail", text="Within four hours.", now=NOW
    )
    client.force_login(cast.agent.user)
    response = client.post(
        reverse("goals:expectation_acknowledge", args=[expectation.pk]), {"version": read}, follow=True
    )
    assert "A new version was published while you were reading." in response.content.decode()
    assert not Acknowledgement.objects.exists()


def test_saving_over_a_newer_version_is_refused(client, cast):
    expectation = team_expectation(cast)
    services.expectation_update(
        expectation=expectation, author=cast.leader, title="E-mail", text="Four hours."
    )
    client.force_login(cast.leader.user)
    response = client.post(
        reverse("goals:expectation_edit", args=[expectation.pk]),
        {"title": "E-mail", "text": "Two hours.", "based_on": 1},
    )
    assert "Someone published a newer version while you were editing." in response.content.decode()
    assert expectation.versions.count() == 2
