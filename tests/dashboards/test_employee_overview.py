"""The leader's page about one person: timeline, open actions, goals, wellbeing chart, profile."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from coaching.models import PrivateNote
from tests.dashboards.builders import action_item, held, scheduled
from tests.goals.factories import GoalFactory


def overview(person):
    return reverse("dashboards:employee_overview", args=[person.pk])


@pytest.fixture
def history(cast):
    first = held(cast.agent, days_ago=400, energy=2, workload=5)
    second = held(cast.agent, days_ago=30, energy=3, workload=4, wins="Praised by a customer")
    third = held(
        cast.agent, days_ago=5, energy=5, workload=3, confirmed=False, shared_notes="We talked shifts."
    )
    upcoming = scheduled(cast.agent, days_ahead=7)
    action_item(second, text="Shadow a senior colleague on complaints")
    action_item(first, text="Finished long ago", done=True)
    PrivateNote.objects.create(
        conversation=third, author=cast.leader, text="Seems worried about the reorganisation"
    )
    return [first, second, third, upcoming]


def test_the_timeline_lists_every_conversation_with_its_status_and_link(client, cast, history):
    client.force_login(cast.leader.user)
    response = client.get(overview(cast.agent))
    content = response.content.decode()
    for conversation in history:
        assert conversation.get_absolute_url() in content
    assert "Held" in content and "Scheduled" in content
    assert "Not confirmed" in content
    years = [year for year, _conversations in response.context["timeline"]]
    assert years == sorted(set(years), reverse=True)


def test_open_action_items_and_active_goals_are_shown(client, cast, history):
    today = timezone.localdate()
    GoalFactory(
        employee=cast.agent,
        title="Resolve more in the first contact",
        starts_on=today - datetime.timedelta(days=30),
        due_on=today + datetime.timedelta(days=60),
    )
    client.force_login(cast.leader.user)
    content = client.get(overview(cast.agent)).content.decode()
    assert "Shadow a senior colleague on complaints" in content
    assert "Finished long ago" not in content
    assert "Resolve more in the first contact" in content


def test_strengths_development_areas_and_motivation_come_from_the_profile(client, cast):
    cast.agent.strengths = "Calm with upset customers"
    cast.agent.development_areas = "Pension products"
    cast.agent.motivation = "Helping people sort out their finances"
    cast.agent.save()
    client.force_login(cast.leader.user)
    content = client.get(overview(cast.agent)).content.decode()
    for text in ("Calm with upset customers", "Pension products", "Helping people sort out their finances"):
        assert text in content
    assert cast.agent.get_absolute_url() in content


def test_wellbeing_is_drawn_as_an_inline_svg_without_style_attributes(client, cast, history):
    client.force_login(cast.leader.user)
    response = client.get(overview(cast.agent))
    content = response.content.decode()
    chart = response.context["chart"]
    energy, workload = chart.lines
    assert [marker.value for marker in energy.markers] == [2, 3, 5]
    assert [marker.value for marker in workload.markers] == [5, 4, 3]
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg"' in content
    assert f'<polyline class="chart-line chart-energy" points="{energy.points}"' in content
    assert not re.search(r"\sstyle=", content)
    assert "<script>" not in content


def test_chart_coordinates_are_not_localised_with_a_decimal_comma(client, cast, history):
    cast.leader.language = "nb"
    cast.leader.save()
    client.force_login(cast.leader.user)
    content = client.get(overview(cast.agent)).content.decode()
    circles = re.findall(r'<circle class="chart-dot chart-energy" cx="([^"]+)" cy="([^"]+)"', content)
    assert circles
    assert all("," not in x and "," not in y for x, y in circles)


def test_no_chart_without_a_wellbeing_check(client, cast):
    held(cast.agent, days_ago=3)
    client.force_login(cast.leader.user)
    response = client.get(overview(cast.agent))
    assert response.context["chart"] is None
    assert "No wellbeing check recorded yet." in response.content.decode()


@pytest.mark.parametrize("viewer", ["agent", "leader", "manager", "hr", "superuser"])
def test_private_notes_never_appear_on_the_overview(client, cast, history, viewer):
    person = getattr(cast, viewer)
    client.force_login(getattr(person, "user", person))
    content = client.get(overview(cast.agent)).content.decode()
    assert "Seems worried about the reorganisation" not in content


def test_the_agent_reads_their_own_overview_without_leader_actions(client, cast, history):
    client.force_login(cast.agent.user)
    response = client.get(overview(cast.agent))
    assert response.status_code == 200
    assert response.context["can_coach"] is False
    assert "Shadow a senior colleague on complaints" in response.content.decode()
