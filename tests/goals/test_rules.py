"""Each rule of the goals app has one definition that every query, page and form uses."""

import datetime
from decimal import Decimal

import pytest

from goals import services
from goals.forms import GoalForm, TeamGoalForm
from goals.models import Acknowledgement, Expectation, Goal, expectation_writing_rights
from people.models import Employee
from tests.factories import AgentFactory


@pytest.fixture
def expectations(cast):
    return [
        services.expectation_create(author=cast.hr, scope="organisation", title="Fair", text="Be fair."),
        services.expectation_create(
            author=cast.manager, scope="site", site=cast.site, title="Quiet", text="x"
        ),
        services.expectation_create(
            author=cast.leader, scope="team", team=cast.team, title="E-mail", text="x"
        ),
        services.expectation_create(
            author=cast.far_leader, scope="team", team=cast.far_team, title="Oslo", text="x"
        ),
    ]


def test_the_audience_is_the_same_in_the_queryset_the_members_and_the_python_rule(cast, expectations):
    people = list(Employee.objects.active())
    for expectation in expectations:
        members = set(expectation.members())
        assert members == {p for p in people if expectation.applies_to(p)}
        assert members == {
            p for p in people if Expectation.objects.applicable_to(p).filter(pk=expectation.pk).exists()
        }
    assert set(Expectation.objects.applicable_to([cast.agent, cast.far_agent])) == set(expectations)


def test_pending_acknowledgements_are_every_member_and_current_version_not_yet_acknowledged(
    cast, expectations
):
    services.acknowledgement_record(employee=cast.agent, expectation=expectations[2])
    services.expectation_update(
        expectation=expectations[0], author=cast.hr, title="Fair", text="Be fair to all."
    )
    services.acknowledgement_record(employee=cast.agent, expectation=expectations[0])
    Expectation.objects.filter(pk=expectations[1].pk).update(is_active=False)
    AgentFactory(
        team=cast.team, started_on=datetime.date(2019, 1, 1), ended_on=datetime.date(2020, 1, 1)
    )  # gone: owes nothing

    pending = set(Expectation.objects.pending_acknowledgements())

    expected = set()
    for expectation in Expectation.objects.active().select_related("current_version"):
        acknowledged = set(
            Acknowledgement.objects.filter(version=expectation.current_version).values_list(
                "employee_id", flat=True
            )
        )
        for member in expectation.members():
            if member.pk not in acknowledged:
                expected.add(
                    (member.pk, expectation.current_version_id, expectation.current_version.created_at)
                )
    assert pending == expected
    assert (
        cast.agent.pk,
        expectations[2].current_version_id,
        expectations[2].current_version.created_at,
    ) not in pending
    assert (
        cast.teammate.pk,
        expectations[2].current_version_id,
        expectations[2].current_version.created_at,
    ) in pending


def test_pending_acknowledgements_take_a_set_of_people_in_two_queries(
    cast, expectations, django_assert_num_queries
):
    with django_assert_num_queries(2):
        pending = list(
            Expectation.objects.pending_acknowledgements(Employee.objects.filter(pk=cast.agent.pk))
        )
    assert {pk for pk, _version, _at in pending} == {cast.agent.pk}
    assert len(pending) == 3


@pytest.mark.parametrize(
    ("writer", "scopes"),
    [
        ("agent", set()),
        ("leader", {"team"}),
        ("manager", {"site"}),
        ("hr", {"organisation"}),
        ("superuser", {"organisation", "site", "team"}),
    ],
)
def test_who_may_write_expectations_is_one_policy_that_the_queryset_follows(
    cast, expectations, writer, scopes
):
    user = getattr(getattr(cast, writer), "user", getattr(cast, writer))
    rights = expectation_writing_rights(user)
    assert set(rights.scopes) == scopes
    editable = set(Expectation.objects.editable_by(user))
    assert editable == {
        e
        for e in expectations
        if e.scope in rights.scopes
        and (e.site_id is None or rights.sites.filter(pk=e.site_id).exists())
        and (e.team_id is None or rights.teams.filter(pk=e.team_id).exists())
    }


def test_the_goal_form_leaves_validation_to_the_model_instead_of_skipping_it():
    assert "_post_clean" not in vars(GoalForm)


@pytest.mark.parametrize(
    ("terms", "errors"),
    [
        (
            {"due_on": datetime.date(2025, 12, 1)},
            {"due_on": ["The due date cannot be before the start date."]},
        ),
        ({"target": Decimal("60")}, {"target": ["The target must differ from the baseline."]}),
        ({"metric": None}, {"metric": ["Choose the metric of a KPI goal."]}),
    ],
)
def test_both_goal_forms_and_the_model_apply_the_same_terms(cast, terms, errors):
    from tests.goals.factories import metric

    good = {
        "kind": "kpi",
        "title": "FCR",
        "metric": metric("fcr").pk,
        "baseline": "60",
        "target": "80",
        "starts_on": "2026-01-01",
        "due_on": "2026-06-30",
    }
    data = {**good, **{k: ("" if v is None else str(v)) for k, v in terms.items()}}
    goal_form = GoalForm(data, expectations=Expectation.objects.none())
    team_form = TeamGoalForm(
        {**data, "team": cast.team.pk},
        teams=cast.team.__class__.objects.all(),
        expectations=Expectation.objects.none(),
    )
    assert not goal_form.is_valid() and not team_form.is_valid()
    for name, messages in errors.items():
        assert goal_form.errors[name] == messages
        assert team_form.errors[name] == messages
    typed = {
        "kind": "kpi",
        "metric": metric("fcr"),
        "baseline": Decimal("60"),
        "target": Decimal("80"),
        "starts_on": datetime.date(2026, 1, 1),
        "due_on": datetime.date(2026, 6, 30),
    }
    assert Goal.terms_errors(**{**typed, **terms}).keys() == errors.keys()
