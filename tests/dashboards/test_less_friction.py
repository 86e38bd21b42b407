"""Fewer clicks and clearer labels around the leader's dashboard: the booking one click away, the
timeline's summary lines, one "Conversations" entry, team names with their site, local numbers."""

from decimal import Decimal

from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from goals.filters import TeamGoalsFilter
from people.models import Team
from tests.dashboards.builders import held, scheduled
from tests.factories import AgentFactory

DASHBOARD = reverse("dashboards:leader_dashboard")


def test_a_booked_conversation_is_one_click_away_from_the_dashboard(client, cast):
    booking = scheduled(cast.agent, days_ahead=3)
    client.force_login(cast.leader.user)
    content = client.get(DASHBOARD).content.decode()
    assert f'href="{reverse("coaching:conversation_detail", args=[booking.pk])}"' in content


def test_the_timeline_shows_each_conversations_summary_line(client, cast):
    held(
        cast.agent,
        days_ago=10,
        shared_notes="Talked through the new mortgage script; two calls to listen to.",
    )
    client.force_login(cast.leader.user)
    content = client.get(reverse("dashboards:employee_overview", args=[cast.agent.pk])).content.decode()
    assert "Talked through the new mortgage script" in content


def test_a_leader_sees_one_conversations_entry_in_the_navigation(client, cast):
    client.force_login(cast.leader.user)
    content = client.get(DASHBOARD).content.decode()
    navigation = content.split('id="main-nav"')[1].split("</ul>")[0]
    assert navigation.count(reverse("coaching:leader_conversations")) == 1
    assert f'href="{reverse("coaching:my_conversations")}"' not in navigation


def test_team_pickers_name_the_site(cast):
    teams = Team.objects.filter(pk=cast.team.pk)
    picker = TeamGoalsFilter(data={}, teams=teams).form.fields["team"]
    labels = [label for _, label in picker.choices][1:]
    assert labels == [f"{cast.team.name} · {cast.team.site.name}"]


def test_numbers_use_the_readers_decimal_and_thousand_separators():
    template = Template("{{ value }}")
    with translation.override("nb"):
        assert template.render(Context({"value": Decimal("12500.5")})) == "12\xa0500,5"
    with translation.override("sv"):
        assert template.render(Context({"value": Decimal("79.2")})) == "79,2"
    with translation.override("en"):
        assert template.render(Context({"value": 12500})) == "12,500"


def test_ids_in_links_are_never_grouped_like_numbers(client, cast):
    agent = AgentFactory(pk=12345, team=cast.team)
    cast.leader.language = "nb"
    cast.leader.save()
    client.force_login(cast.leader.user)
    content = client.get(DASHBOARD).content.decode()
    assert 'id="member-12345"' in content
    assert "?employee=12345" in content
    assert agent.pk == 12345
