import pytest
from django.urls import reverse

from tests.goals.factories import GoalFactory


@pytest.mark.parametrize(("language", "heading"), [("nb", "Mine mål"), ("sv", "Mina mål")])
def test_my_goals_speaks_the_employees_language(client, cast, language, heading):
    cast.agent.language = language
    cast.agent.save()
    GoalFactory(employee=cast.agent)
    client.force_login(cast.agent.user)
    page = client.get(reverse("goals:my_goals")).content.decode()
    assert heading in page
    assert {"nb": "Avtalt", "sv": "Överenskommet"}[language] in page
