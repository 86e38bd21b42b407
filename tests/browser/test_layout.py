"""Every key page of every role fits a phone (390 px) and a laptop (1,366 px) without sideways
scrolling, in Norwegian and Swedish, and axe-core finds no serious or critical accessibility problem.

One test per viewport and language: it logs each role in once (one browser context per role) and
walks that role's pages, collecting every problem before it fails, so one run shows them all.
"""

import datetime

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import timezone

from onboarding.models import ChecklistTemplate
from onboarding.services import onboarding_start
from tests.coaching.factories import HeldConversationFactory
from tests.dashboards.builders import follow_up_rhythm, held, scheduled
from tests.factories import PASSWORD
from tests.goals.factories import CheckInFactory, GoalFactory

VIEWPORTS = {"phone": {"width": 390, "height": 844}, "laptop": {"width": 1366, "height": 768}}
SERIOUS = {"serious", "critical"}


def pages_by_role(cast):
    conversation = HeldConversationFactory(
        employee=cast.agent, leader=cast.leader, shared_notes="Went through two calls together."
    )
    onboarding = onboarding_start(
        employee=cast.agent,
        template=ChecklistTemplate.objects.get(name_en="Base training: customer service (three weeks)"),
        starts_on=datetime.date.today() - datetime.timedelta(days=8),
        trainer=cast.trainer,
        floor_walker=cast.teammate,
        started_by=cast.hr.user,
        now=timezone.now(),
    )
    return {
        "agent": [
            reverse("home"),
            reverse("goals:my_goals"),
            reverse("coaching:my_conversations"),
            reverse("onboarding:my_onboarding"),
        ],
        "teammate": [reverse("onboarding:my_tasks"), reverse("onboarding:floor_note_add")],
        "trainer": [reverse("onboarding:my_tasks")],
        "leader": [
            onboarding.get_absolute_url(),
            reverse("dashboards:leader_dashboard"),
            reverse("people:roster"),
            reverse("goals:team_goals"),
            reverse("coaching:conversation_detail", args=[conversation.pk]),
            reverse("dashboards:employee_overview", args=[cast.agent.pk]),
            reverse("coaching:handover_notes"),
        ],
        "manager": [
            reverse("dashboards:coverage"),
            reverse("dashboards:report_detail", args=["coverage"]),
            reverse("onboarding:site_progress"),
        ],
        "hr": [
            reverse("people:directory"),
            reverse("people:employee_detail", args=[cast.agent.pk]),
            reverse("dashboards:report_index"),
            reverse("dashboards:report_detail", args=["wellbeing"]) + "?start=2020-01-01&end=2021-12-31",
            reverse("people:organisation") + f"?site={cast.site.pk}",
            reverse("coaching:team_handover", args=[cast.team.pk]),
            reverse("onboarding:onboarding_start"),
            reverse("onboarding:template_edit", args=[onboarding.template_id]),
        ],
    }


def furnish(cast):
    """A team with something on every line: rhythms, history with wellbeing, a booking, a KPI goal."""
    for person in (cast.agent, cast.teammate):
        follow_up_rhythm(person, cadence_days=14)
    held(cast.agent, days_ago=40, energy=2, workload=5)
    held(
        cast.agent,
        days_ago=12,
        energy=4,
        workload=3,
        shared_notes="New mortgage script; listen to two calls.",
    )
    held(cast.teammate, days_ago=3, energy=3, workload=3)
    scheduled(cast.teammate, days_ahead=2)
    goal = GoalFactory(
        employee=cast.agent,
        starts_on=datetime.date.today() - datetime.timedelta(days=60),
        due_on=datetime.date.today() + datetime.timedelta(days=60),
    )
    CheckInFactory(goal=goal, checked_on=datetime.date.today() - datetime.timedelta(days=10), value=65)


@pytest.mark.parametrize("language", ["nb", "sv"])
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_key_pages_fit_the_screen_and_pass_axe(cast, browser, live_server, viewport, language):
    furnish(cast)
    pages = pages_by_role(cast)
    axe = Axe()
    problems = []
    for role, urls in pages.items():
        person = getattr(cast, role)
        person.language = language
        person.save()
        context = browser.new_context(
            base_url=live_server.url, viewport=VIEWPORTS[viewport], locale=language, timezone_id="Europe/Oslo"
        )
        context.set_default_timeout(10_000)
        page = context.new_page()
        page.goto("/login/")
        page.fill("input[name=username]", person.user.username)
        page.fill("input[name=password]", PASSWORD)
        page.click("form [type=submit]")
        page.wait_for_load_state()
        for url in urls:
            response = page.goto(url)
            where = f"{role} {url} ({viewport}, {language})"
            if response.status != 200:
                problems.append(f"{where}: HTTP {response.status}")
                continue
            scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
            if scroll > inner:
                problems.append(f"{where}: {scroll} px wide in a {inner} px window")
            for violation in axe.run(page).response["violations"]:
                if violation["impact"] in SERIOUS:
                    targets = [node["target"] for node in violation["nodes"]][:3]
                    problems.append(f"{where}: {violation['id']} ({violation['impact']}) {targets}")
        context.close()
    assert not problems, "\n".join(problems)


def open_dashboard(cast, browser, live_server, viewport, language):
    furnish(cast)
    cast.leader.language = language
    cast.leader.save()
    context = browser.new_context(base_url=live_server.url, viewport=VIEWPORTS[viewport], locale=language)
    page = context.new_page()
    page.goto("/login/")
    page.fill("input[name=username]", cast.leader.user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form [type=submit]")
    page.goto(reverse("dashboards:leader_dashboard"))
    return context, page


@pytest.mark.parametrize("language", ["en", "nb", "sv"])
def test_the_leader_dashboard_shows_every_column_and_action_at_1366_px(cast, browser, live_server, language):
    context, page = open_dashboard(cast, browser, live_server, "laptop", language)
    table, frame = page.evaluate(
        "[document.querySelector('.dash-team-table').scrollWidth, document.querySelector('.dash-team').clientWidth]"
    )
    assert table <= frame
    actions = page.locator(f"#member-{cast.agent.pk} .dash-cell-actions a")
    assert actions.count() == 3
    for index in range(3):
        box = actions.nth(index).bounding_box()
        assert box["x"] + box["width"] <= VIEWPORTS["laptop"]["width"]
    context.close()


@pytest.mark.parametrize("language", ["nb", "sv"])
def test_on_a_phone_each_person_is_a_card_with_name_follow_up_booking_and_actions_first(
    cast, browser, live_server, language
):
    context, page = open_dashboard(cast, browser, live_server, "phone", language)
    card = page.locator(f"#member-{cast.teammate.pk}")
    assert card.evaluate("row => getComputedStyle(row).display") == "flex"
    tops = [
        card.locator(selector).bounding_box()["y"]
        for selector in (".dash-cell-name", ".dash-cell-due", ".dash-cell-actions", ".dash-cell-last")
    ]
    assert tops == sorted(tops) and len(set(tops)) == 4
    assert card.locator(".dash-cell-due a").count() == 1  # the booking, one tap away
    context.close()
