import pytest

from goals.models import Goal
from tests.goals.factories import GoalFactory


@pytest.mark.parametrize(
    ("viewer", "visible"),
    [
        ("agent", True),
        ("leader", True),
        ("manager", True),
        ("hr", True),
        ("teammate", False),
        ("other_leader", False),
        ("far_leader", False),
        ("other_manager", False),
        ("trainer", False),
    ],
)
def test_goals_are_visible_to_the_people_who_may_see_their_owner(cast, viewer, visible):
    goal = GoalFactory(employee=cast.agent)
    assert Goal.objects.visible_to(getattr(cast, viewer).user).filter(pk=goal.pk).exists() is visible


def test_a_goal_links_to_its_page(client, cast):
    goal = GoalFactory(employee=cast.agent)
    client.force_login(cast.agent.user)
    assert client.get(goal.get_absolute_url()).status_code == 200
