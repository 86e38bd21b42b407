"""Draft → proposed → agreed (both sides) → outcome; changes of terms need a new agreement."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from goals import services
from goals.models import CheckIn, Goal
from tests.factories import AgentFactory
from tests.goals.factories import GoalFactory, KpiMeasurementFactory, metric

TERMS = {
    "kind": Goal.Kind.KPI,
    "title": "First-contact resolution at 75 %",
    "metric": None,
    "target": Decimal("75"),
    "baseline": Decimal("65"),
    "starts_on": datetime.date(2026, 1, 1),
    "due_on": datetime.date(2026, 3, 31),
}


@pytest.fixture
def terms(db):
    return {**TERMS, "metric": metric("fcr")}


def test_a_goal_proposed_by_the_leader_is_agreed_when_the_employee_agrees(cast, terms):
    goal = services.goal_create(employee=cast.agent, by=cast.leader, **terms)
    assert goal.status == Goal.Status.PROPOSED
    assert (goal.leader_agreed_by, goal.employee_agreed_at) == (cast.leader, None)

    services.goal_agree(goal=goal, by=cast.agent)

    goal.refresh_from_db()
    assert goal.status == Goal.Status.AGREED
    assert goal.employee_agreed_by == cast.agent and goal.employee_agreed_at is not None


def test_a_goal_proposed_by_the_employee_waits_for_the_leader(client, cast, terms):
    client.force_login(cast.agent.user)
    data = {
        **terms,
        "metric": terms["metric"].pk,
        "why_it_matters": "Fewer customers call twice.",
        "propose": "",
    }
    response = client.post(reverse("goals:goal_create"), data)
    goal = Goal.objects.get(employee=cast.agent)
    assert response.status_code == 302
    assert goal.status == Goal.Status.PROPOSED and goal.waiting_for_leader and not goal.waiting_for_employee
    assert Goal.objects.awaiting_leader().get() == goal

    client.force_login(cast.leader.user)
    client.post(reverse("goals:goal_agree", args=[goal.pk]))
    goal.refresh_from_db()
    assert goal.status == Goal.Status.AGREED


def test_a_draft_stays_private_to_agreement_until_proposed(client, cast, terms):
    client.force_login(cast.agent.user)
    client.post(reverse("goals:goal_create"), {**terms, "metric": terms["metric"].pk, "draft": ""})
    goal = Goal.objects.get()
    assert goal.status == Goal.Status.DRAFT and goal.employee_agreed_at is None
    client.post(reverse("goals:goal_propose", args=[goal.pk]))
    goal.refresh_from_db()
    assert goal.status == Goal.Status.PROPOSED and goal.employee_agreed_by == cast.agent


def test_agreeing_twice_changes_nothing(cast):
    goal = GoalFactory(employee=cast.agent, status=Goal.Status.PROPOSED, leader_agreed_at=None)
    services.goal_agree(goal=goal, by=cast.agent)
    services.goal_agree(goal=goal, by=cast.agent)
    assert goal.status == Goal.Status.PROPOSED


@pytest.mark.parametrize("change", [{"target": Decimal("90")}, {"due_on": datetime.date(2026, 9, 30)}])
def test_changing_the_terms_of_an_agreed_goal_sends_it_back_to_proposed(cast, change):
    goal = GoalFactory(employee=cast.agent)
    services.goal_update(goal=goal, by=cast.leader, data=change)
    goal.refresh_from_db()
    assert goal.status == Goal.Status.PROPOSED
    assert goal.leader_agreed_by == cast.leader and goal.employee_agreed_at is None
    assert Goal.objects.awaiting_employee().get() == goal


def test_changing_the_metric_sends_it_back_to_proposed(cast):
    goal = GoalFactory(employee=cast.agent)
    services.goal_update(goal=goal, by=cast.agent, data={"metric": metric("csat")})
    goal.refresh_from_db()
    assert goal.status == Goal.Status.PROPOSED and goal.waiting_for_leader


def test_rewording_why_it_matters_keeps_the_agreement(cast):
    goal = GoalFactory(employee=cast.agent)
    services.goal_update(
        goal=goal, by=cast.agent, data={"why_it_matters": "I want to help on the first call."}
    )
    goal.refresh_from_db()
    assert goal.status == Goal.Status.AGREED


def test_an_agent_cannot_close_their_own_goal_but_may_ask_their_leader(cast):
    goal = GoalFactory(employee=cast.agent)
    for outcome in Goal.OUTCOMES:
        with pytest.raises(PermissionDenied):
            services.goal_decide(goal=goal, by=cast.agent, outcome=outcome)
    services.goal_request_outcome(goal=goal, by=cast.agent, outcome=Goal.Status.ACHIEVED, note="Hit 80 %")
    assert goal.status == Goal.Status.AGREED and goal.requested_outcome == Goal.Status.ACHIEVED

    services.goal_decide(goal=goal, by=cast.leader, outcome=Goal.Status.ACHIEVED, note="Well done!")
    goal.refresh_from_db()
    assert (goal.status, goal.decided_by, goal.requested_outcome) == (Goal.Status.ACHIEVED, cast.leader, "")


def test_hr_may_decide_but_a_manager_may_not(cast):
    goal = GoalFactory(employee=cast.agent)
    with pytest.raises(PermissionDenied):
        services.goal_decide(goal=goal, by=cast.manager, outcome=Goal.Status.DROPPED)
    services.goal_decide(goal=goal, by=cast.hr, outcome=Goal.Status.DROPPED)
    assert goal.status == Goal.Status.DROPPED


def test_a_proposed_goal_can_be_dropped_but_not_achieved(cast):
    goal = GoalFactory(employee=cast.agent, status=Goal.Status.PROPOSED, employee_agreed_at=None)
    with pytest.raises(ValidationError):
        services.goal_decide(goal=goal, by=cast.leader, outcome=Goal.Status.ACHIEVED)
    services.goal_decide(goal=goal, by=cast.leader, outcome=Goal.Status.DROPPED)
    assert goal.status == Goal.Status.DROPPED


def test_a_closed_goal_cannot_be_changed(cast):
    goal = GoalFactory(employee=cast.agent, status=Goal.Status.ACHIEVED)
    with pytest.raises(ValidationError):
        services.goal_update(goal=goal, by=cast.leader, data={"title": "Something else"})


def test_the_goal_page_shows_who_changed_what_and_when(client, cast):
    client.force_login(cast.leader.user)
    goal = GoalFactory(employee=cast.agent)
    response = client.post(
        reverse("goals:goal_edit", args=[goal.pk]),
        {
            "kind": "kpi",
            "title": goal.title,
            "metric": goal.metric_id,
            "baseline": "60",
            "target": "85",
            "starts_on": "2026-01-01",
            "due_on": "2026-06-30",
        },
    )
    assert response.status_code == 302
    page = client.get(goal.get_absolute_url()).content.decode()
    assert "<del>80.00</del> → <ins>85</ins>" in page or "<del>80.00</del> → <ins>85.00</ins>" in page
    assert cast.leader.user.get_full_name() in page
    assert "Terms changed: a new agreement is needed." in page
    assert goal.history.first().history_user == cast.leader.user


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"target": "lots"}, "target", "Enter a number, for example 75 or 75.5."),
        ({"target": ""}, "target", "A KPI goal needs a target number."),
        ({"metric": ""}, "metric", "Choose the metric of a KPI goal."),
        ({"due_on": "2025-12-01"}, "due_on", "The due date cannot be before the start date."),
        ({"title": ""}, "title", "Give the goal a title."),
    ],
)
def test_bad_input_gives_a_clear_error_and_saves_nothing(client, cast, terms, change, field, message):
    client.force_login(cast.agent.user)
    data = {**terms, "metric": terms["metric"].pk, **change}
    response = client.post(reverse("goals:goal_create"), data)
    assert response.status_code == 200
    assert message in response.context["form"].errors[field]
    assert not Goal.objects.exists()


def test_errors_are_translated(client, cast, terms):
    cast.agent.language = "nb"
    cast.agent.save()
    client.force_login(cast.agent.user)
    response = client.post(
        reverse("goals:goal_create"), {**terms, "metric": terms["metric"].pk, "target": "x"}
    )
    with translation.override("nb"):  # the errors are lazy: read them as the page did
        errors = [str(error) for error in response.context["form"].errors["target"]]
    assert "Enter a number, for example 75 or 75.5." not in errors


def test_a_leader_cannot_write_a_goal_for_someone_outside_their_team(client, cast, terms):
    client.force_login(cast.leader.user)
    data = {**terms, "metric": terms["metric"].pk, "employee": cast.other_agent.pk}
    response = client.post(reverse("goals:goal_create"), data)
    assert "employee" in response.context["form"].errors
    assert not Goal.objects.exists()
    with pytest.raises(PermissionDenied):
        services.goal_create(employee=cast.other_agent, by=cast.leader, **terms)


def test_check_ins_need_a_value_for_kpi_goals_and_a_status_otherwise(cast):
    kpi = GoalFactory(employee=cast.agent)
    with pytest.raises(ValidationError):
        services.check_in_add(goal=kpi, author=cast.agent, checked_on=datetime.date(2026, 2, 1))
    development = GoalFactory(employee=cast.agent, kind=Goal.Kind.DEVELOPMENT, metric=None, target=None)
    with pytest.raises(ValidationError):
        services.check_in_add(goal=development, author=cast.agent, checked_on=datetime.date(2026, 2, 1))
    check_in = services.check_in_add(
        goal=development,
        author=cast.leader,
        checked_on=datetime.date(2026, 2, 1),
        status=CheckIn.Status.AT_RISK,
        percent_complete=20,
        comment="Shadowing started.",
    )
    assert check_in.author == cast.leader


def test_progress_is_recorded_on_agreed_goals_only(client, cast):
    goal = GoalFactory(employee=cast.agent, status=Goal.Status.PROPOSED, leader_agreed_at=None)
    client.force_login(cast.agent.user)
    response = client.post(
        reverse("goals:check_in_add", args=[goal.pk]), {"checked_on": "2026-02-01", "value": "70"}
    )
    assert response.status_code == 400
    assert not goal.check_ins.exists()


def test_an_agent_adds_a_check_in_with_a_decimal_comma(client, cast):
    cast.agent.language = "sv"
    cast.agent.save()
    goal = GoalFactory(employee=cast.agent)
    client.force_login(cast.agent.user)
    response = client.post(
        reverse("goals:check_in_add", args=[goal.pk]), {"checked_on": "2026-02-01", "value": "70,5"}
    )
    assert response.status_code == 302
    assert goal.check_ins.get().value == Decimal("70.5")


def test_a_team_goal_becomes_each_members_own_proposal(client, cast):
    KpiMeasurementFactory(employee=cast.agent, period_end=datetime.date(2025, 12, 31), value=Decimal("68"))
    client.force_login(cast.leader.user)
    response = client.post(
        reverse("goals:team_goal_create"),
        {
            "team": cast.team.pk,
            "kind": "kpi",
            "title": "First-contact resolution ≥ 75 % this quarter",
            "metric": metric("fcr").pk,
            "target": "75",
            "starts_on": "2026-01-01",
            "due_on": "2026-03-31",
        },
    )
    assert response.status_code == 302
    goals = {goal.employee: goal for goal in Goal.objects.all()}
    assert set(goals) == {cast.agent, cast.teammate}
    assert all(g.status == Goal.Status.PROPOSED and g.leader_agreed_by == cast.leader for g in goals.values())
    assert goals[cast.agent].baseline == Decimal("68")  # their own latest value
    assert goals[cast.teammate].baseline is None
    assert goals[cast.agent].history.count() == 1


def test_a_team_goal_by_role_reaches_only_the_leaders_own_people(cast):
    AgentFactory(team=cast.other_team)
    goals = services.goals_propose_to_many(
        by=cast.leader,
        employees=cast.leader.led_teams.first().members.all(),
        kind=Goal.Kind.BEHAVIOUR,
        title="Share one learning a week",
        starts_on=datetime.date(2026, 1, 1),
        due_on=datetime.date(2026, 3, 31),
    )
    assert {g.employee for g in goals} == {cast.agent, cast.teammate}


def test_a_team_goal_cannot_target_another_leaders_team(client, cast):
    client.force_login(cast.leader.user)
    response = client.post(
        reverse("goals:team_goal_create"),
        {
            "team": cast.other_team.pk,
            "kind": "behaviour",
            "title": "Smile",
            "starts_on": "2026-01-01",
            "due_on": "2026-03-31",
        },
    )
    assert "team" in response.context["form"].errors
    assert not Goal.objects.exists()
