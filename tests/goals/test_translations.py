import subprocess
from pathlib import Path

import pytest
from django.urls import reverse

from tests.goals.factories import GoalFactory

LOCALE = Path(__file__).resolve().parents[2] / "goals" / "locale"


@pytest.mark.parametrize("language", ["nb", "sv"])
def test_catalogue_is_complete(language):
    po = LOCALE / language / "LC_MESSAGES" / "django.po"
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr
    assert (LOCALE / language / "LC_MESSAGES" / "django.mo").exists()


@pytest.mark.parametrize(("language", "heading"), [("nb", "Mine mål"), ("sv", "Mina mål")])
def test_my_goals_speaks_the_employees_language(client, cast, language, heading):
    cast.agent.language = language
    cast.agent.save()
    GoalFactory(employee=cast.agent)
    client.force_login(cast.agent.user)
    page = client.get(reverse("goals:my_goals")).content.decode()
    assert heading in page
    assert {"nb": "Avtalt", "sv": "Överenskommet"}[language] in page
