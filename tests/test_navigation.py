"""The main navigation is derived from the URL policy: nobody sees an entry that would refuse them."""

import pytest
from django.urls import reverse

from people.access import navigation_for

EXPECTED = {
    "agent": ["My conversations", "My goals", "Expectations", "Onboarding", "My trainings", "Reminders"],
    "trainer": ["My conversations", "My goals", "Expectations", "Onboarding", "My trainings", "Reminders"],
    "leader": [
        "Dashboard",
        "Conversations",
        "Team goals",
        "Expectations",
        "Onboarding",
        "Trainings",
        "My team",
        "Reminders",
    ],
    "manager": [
        "Coverage",
        "Reports",
        "My conversations",
        "Goals",
        "Expectations",
        "Onboarding",
        "Trainings",
        "People",
        "Sites and teams",
        "Talent search",
        "Reminders",
    ],
    "hr": [
        "Coverage",
        "Reports",
        "My conversations",
        "Goals",
        "Expectations",
        "Onboarding",
        "Trainings",
        "People",
        "Sites and teams",
        "Talent search",
        "Access log",
        "Retention",
        "API tokens",
        "Reminders",
    ],
    "superuser": [
        "Coverage",
        "Reports",
        "Onboarding",
        "People",
        "Sites and teams",
        "Talent search",
        "Access log",
        "Retention",
        "API tokens",
    ],
    "no_employee": [],
}


@pytest.mark.parametrize("person", EXPECTED)
def test_each_role_sees_its_own_menu_and_every_entry_opens(client, cast, person):
    user = getattr(getattr(cast, person), "user", getattr(cast, person))
    entries = navigation_for(user)
    assert [str(entry.label) for entry in entries] == EXPECTED[person]
    client.force_login(user)
    for entry in entries:
        assert client.get(reverse(entry.url_name)).status_code == 200, entry.url_name


def test_the_page_shows_the_menu_with_the_current_entry_marked(client, cast):
    client.force_login(cast.leader.user)
    html = client.get(reverse("people:roster")).content.decode()
    menu = html.split('navbar-nav me-auto">')[1].split('<ul class="navbar-nav">')[0]
    assert f'aria-current="page" href="{reverse("people:roster")}"' in menu
    assert f'href="{reverse("dashboards:leader_dashboard")}"' in menu
    assert f'href="{reverse("coaching:my_conversations")}"' not in menu  # one conversations entry


def test_related_pages_share_a_drop_down_so_the_menu_fits_a_laptop(cast):
    from people.access import menu_for

    menu = [
        (str(group) if group else None, [str(entry.label) for entry in entries])
        for group, entries in menu_for(cast.hr.user)
    ]
    assert (
        "People",
        ["People", "Sites and teams", "Talent search", "Access log", "Retention", "API tokens"],
    ) in menu
    assert ("Onboarding", ["Onboarding", "Trainings"]) in menu
    assert len(menu) <= 8
    agent_menu = menu_for(cast.agent.user)
    assert ("Onboarding", ["Onboarding", "My trainings"]) in [
        (str(group) if group else None, [str(entry.label) for entry in entries])
        for group, entries in agent_menu
    ]
