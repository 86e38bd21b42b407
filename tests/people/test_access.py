"""Every people view × every role × someone outside the viewer's scope: 404, nothing leaks."""

import pytest
from django.urls import reverse

OUT_OF_SCOPE = [
    ("agent", "teammate"),
    ("agent", "leader"),
    ("leader", "other_agent"),
    ("leader", "far_agent"),
    ("manager", "far_agent"),
    ("trainer", "agent"),
]


@pytest.mark.parametrize(("viewer", "target"), OUT_OF_SCOPE)
@pytest.mark.parametrize("view", ["people:employee_detail", "people:employee_edit"])
def test_someone_outside_the_scope_is_not_found(client, cast, viewer, target, view):
    client.force_login(getattr(cast, viewer).user)
    person = getattr(cast, target)
    response = client.get(reverse(view, args=[person.pk]))
    assert response.status_code in (403, 404)
    if view == "people:employee_detail" or viewer != "agent":
        assert response.status_code == 404 or view == "people:employee_edit"
    assert person.full_name not in response.content.decode()


@pytest.mark.parametrize("viewer", ["leader", "manager", "hr"])
def test_lists_show_only_people_in_scope(client, cast, viewer):
    client.force_login(getattr(cast, viewer).user)
    url = reverse("people:roster")
    shown = set(client.get(url).context["page"].paginator.object_list)
    from people.models import Employee

    assert shown == set(Employee.objects.visible_to(getattr(cast, viewer).user))
    assert cast.far_agent not in shown or viewer == "hr"


def test_a_manager_may_read_but_not_edit_a_profile(client, cast):
    client.force_login(cast.manager.user)
    assert client.get(reverse("people:employee_detail", args=[cast.agent.pk])).status_code == 200
    assert client.get(reverse("people:employee_edit", args=[cast.agent.pk])).status_code == 403


def test_a_leader_may_not_edit_themself_or_another_team(client, cast):
    client.force_login(cast.leader.user)
    assert client.get(reverse("people:employee_edit", args=[cast.leader.pk])).status_code == 403
    assert client.get(reverse("people:employee_edit", args=[cast.other_agent.pk])).status_code == 404


def test_the_team_filter_offers_only_teams_in_scope(client, cast):
    client.force_login(cast.leader.user)
    teams = set(client.get(reverse("people:roster")).context["filter"].filters["team"].queryset)
    assert teams == {cast.team}
