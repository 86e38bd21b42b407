"""The employee admin is no side door around the position history."""

from django.urls import reverse

from people.models import PositionChange, Role
from tests.admin_forms import change_form_data


def test_changing_title_role_or_team_in_the_admin_records_a_position_change(client, cast):
    client.force_login(cast.superuser)
    url = reverse("admin:people_employee_change", args=[cast.agent.pk])
    data = change_form_data(client, url, title="Team coach", role=Role.TEAM_LEADER, team=cast.other_team.pk)

    response = client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    change = PositionChange.objects.get(employee=cast.agent)
    assert (change.title, change.role, change.team, change.recorded_by) == (
        "Team coach",
        Role.TEAM_LEADER,
        cast.other_team,
        cast.superuser,
    )


def test_saving_the_admin_without_a_position_change_records_none(client, cast):
    client.force_login(cast.superuser)
    url = reverse("admin:people_employee_change", args=[cast.agent.pk])
    response = client.post(url, change_form_data(client, url, phone="+46 70 123 45 67"))
    assert response.status_code == 302
    assert not PositionChange.objects.filter(employee=cast.agent).exists()
