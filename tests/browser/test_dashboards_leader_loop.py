import datetime
import re

from django.utils import timezone
from playwright.sync_api import expect

from dashboards.stored_coverage import coverage_refresh
from tests.dashboards.builders import follow_up_rhythm, held


def test_leader_sees_an_overdue_member_opens_them_and_coverage_rises_after_logging_a_conversation(
    cast, log_in
):
    for person in (cast.agent, cast.teammate):
        follow_up_rhythm(person, cadence_days=14)
    held(cast.teammate, days_ago=3, energy=4, workload=3)
    held(cast.agent, days_ago=30, energy=2, workload=5)
    page = log_in(cast.leader)

    page.get_by_role("navigation", name="Main navigation").get_by_role("link", name="Dashboard").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Team dashboard")
    expect(page.get_by_test_id("coverage-percent")).to_have_text("50%")
    agent_row = page.locator(f"#member-{cast.agent.pk}")
    expect(agent_row.get_by_text("Overdue")).to_be_visible()
    expect(page.locator(f"#member-{cast.teammate.pk}").get_by_text("Overdue")).to_have_count(0)

    agent_row.get_by_role("link", name=f"Open {cast.agent.full_name}").click()
    expect(page).to_have_url(re.compile(rf"/dashboards/people/{cast.agent.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(cast.agent.full_name)
    expect(page.get_by_role("img", name=re.compile("Energy and workload"))).to_be_visible()

    page.get_by_role("link", name="Log a conversation").click()
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    page.get_by_label("Date").fill(yesterday.isoformat())
    page.get_by_label("Time (24-hour clock)").fill("10:00")
    page.get_by_role("button", name="Log conversation").click()
    expect(page.get_by_text("The conversation was logged.")).to_be_visible()

    page.get_by_role("navigation", name="Main navigation").get_by_role("link", name="Dashboard").click()
    expect(page.get_by_test_id("coverage-percent")).to_have_text("100%")
    expect(page.locator(f"#member-{cast.agent.pk}").get_by_text("Overdue")).to_have_count(0)


def test_manager_reads_coverage_per_team_and_drills_down_to_a_team(cast, log_in):
    follow_up_rhythm(cast.agent)
    held(cast.agent, days_ago=2)
    page = log_in(cast.manager)

    page.get_by_role("navigation", name="Main navigation").get_by_role("link", name="Coverage").click()
    # All the manager's teams are at one site: its teams come at once.
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Coverage: {cast.site.name}")
    expect(page.get_by_role("link", name=cast.far_team.name)).to_have_count(0)
    page.get_by_role("link", name=cast.team.name).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Team dashboard: {cast.team.name} · {cast.site.name}"
    )
    expect(page.get_by_role("link", name=cast.agent.full_name, exact=True)).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("^Schedule"))).to_have_count(0)


def test_hr_reads_coverage_per_site_then_the_teams_of_one_site(cast, log_in):
    follow_up_rhythm(cast.far_agent)
    held(cast.far_agent, days_ago=2)
    page = log_in(cast.hr)

    page.get_by_role("navigation", name="Main navigation").get_by_role("link", name="Coverage").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Coverage")
    expect(page.get_by_role("link", name=cast.far_team.name)).to_have_count(0)
    page.get_by_role("link", name=cast.other_site.name).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(f"Coverage: {cast.other_site.name}")
    expect(page.get_by_role("link", name=cast.team.name)).to_have_count(0)
    page.get_by_role("link", name=cast.far_team.name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Team dashboard: {cast.far_team.name} · {cast.other_site.name}"
    )


def test_a_norwegian_manager_reads_coverage_as_the_worker_counted_it_and_a_team_as_it_is_now(cast, log_in):
    follow_up_rhythm(cast.agent)
    held(cast.agent, days_ago=2)
    coverage_refresh(now=timezone.now())
    cast.manager.language = "nb"
    cast.manager.save()
    page = log_in(cast.manager)
    page.set_viewport_size({"width": 390, "height": 844})

    page.goto("/dashboards/coverage/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Dekning: {cast.site.name}")
    expect(page.get_by_text("Tallene er fra")).to_be_visible()
    expect(page.locator(f"#team-{cast.team.pk}")).to_contain_text("50 %")  # the agent of two

    page.get_by_role("link", name=cast.team.name).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(cast.team.name)
    expect(page.get_by_test_id("coverage-percent")).to_have_text("50 %")
    expect(page.get_by_text("Tallene er fra")).to_have_count(0)  # a team's page is live
