"""The goals admin is no side door around the services: what they own is read-only there."""

import pytest
from django.urls import reverse

from goals import services
from goals.kpi_import import kpi_import_upload
from goals.models import Acknowledgement, Expectation, Goal
from tests.admin_forms import change_form_data
from tests.goals.factories import GoalFactory


def test_the_goal_admin_cannot_change_status_agreements_or_outcome(client, cast):
    goal = GoalFactory(employee=cast.agent, status=Goal.Status.PROPOSED, employee_agreed_at=None)
    client.force_login(cast.superuser)
    url = reverse("admin:goals_goal_change", args=[goal.pk])
    data = change_form_data(
        client,
        url,
        title="Reworded",
        status=Goal.Status.ACHIEVED,
        employee_agreed_at_0="2026-01-01",
        employee_agreed_at_1="09:00",
        decided_by=cast.leader.pk,
    )

    assert client.post(url, data).status_code == 302

    goal.refresh_from_db()
    assert goal.title == "Reworded"
    assert (goal.status, goal.employee_agreed_at, goal.decided_by) == (Goal.Status.PROPOSED, None, None)


@pytest.mark.parametrize("action", ["add", "change", "delete"])
def test_nobody_adds_changes_or_removes_an_acknowledgement_in_the_admin(client, cast, action):
    expectation = services.expectation_create(
        author=cast.leader, scope=Expectation.Scope.TEAM, team=cast.team, title="E-mail", text="x"
    )
    acknowledgement = services.acknowledgement_record(employee=cast.agent, expectation=expectation)
    client.force_login(cast.superuser)
    args = [] if action == "add" else [acknowledgement.pk]
    url = reverse(f"admin:goals_acknowledgement_{action}", args=args)
    response = client.post(url, {"post": "yes", "comment": "Changed by someone else"})
    assert response.status_code == 403
    acknowledgement.refresh_from_db()
    assert acknowledgement.comment == "" and Acknowledgement.objects.count() == 1


def test_kpi_imports_are_shown_but_not_changed_in_the_admin(client, cast):
    record = kpi_import_upload(
        content=f"employee_number,metric,period_end,value\n{cast.agent.employee_number},fcr,2026-01-31,70\n".encode(),
        file_name="wfm.csv",
        user=cast.leader.user,
        now=cast.leader.user.date_joined,
    )
    client.force_login(cast.superuser)
    assert client.get(reverse("admin:goals_kpiimport_changelist")).status_code == 200
    url = reverse("admin:goals_kpiimport_change", args=[record.pk])
    assert client.post(url, {"status": "confirmed"}).status_code == 403
    record.refresh_from_db()
    assert record.status == "previewed"
