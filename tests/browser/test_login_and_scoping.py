import re

from playwright.sync_api import expect


def test_agent_logs_in_and_lands_on_their_conversations(cast, log_in):
    page = log_in(cast.agent)
    expect(page).to_have_url(re.compile(r"/coaching/$"))
    page.get_by_role("button", name=cast.agent.full_name).click()  # the account menu
    page.get_by_role("link", name="My profile").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(cast.agent.full_name)


def test_leader_logs_in_to_their_dashboard_and_opens_a_team_member(cast, log_in):
    page = log_in(cast.leader)
    expect(page).to_have_url(re.compile(r"/dashboards/team/$"))
    page.goto("/team/")
    page.get_by_role("link", name=cast.agent.full_name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(cast.agent.full_name)
    expect(page.get_by_text(cast.agent.employee_number)).to_be_visible()


def test_hr_logs_in_to_the_directory(cast, log_in):
    page = log_in(cast.hr)
    expect(page.get_by_role("heading", level=1)).to_have_text("People")
    page.get_by_label("Name or employee number").fill(cast.far_agent.user.last_name)
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.get_by_role("link", name=cast.far_agent.full_name)).to_be_visible()


def test_agent_gets_not_found_for_another_agents_page(cast, log_in):
    page = log_in(cast.agent)
    response = page.goto(f"/people/{cast.teammate.pk}/")
    assert response.status == 404
    expect(page.get_by_text(cast.teammate.full_name)).to_have_count(0)


def test_a_locked_out_agent_is_led_to_reset_their_password(cast, page):
    for _ in range(6):
        page.goto("/login/")
        page.get_by_label("Username").fill("agent")
        page.get_by_label("Password").fill("wrong")
        page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Too many failed log-in attempts")).to_be_visible()
    page.get_by_role("link", name="Reset your password").click()
    page.get_by_label(re.compile("e-?mail", re.IGNORECASE)).fill(cast.agent.user.email)
    page.get_by_role("button", name="Send link").click()
    expect(page.get_by_role("heading", name="Check your e-mail")).to_be_visible()


def test_hr_finds_a_team_by_searching_within_a_site(cast, log_in):
    page = log_in(cast.hr)
    page.get_by_label("Site").select_option(label=cast.other_site.name)
    page.get_by_label("Find a team").fill(cast.far_team.name[:4])
    team = page.get_by_label("Team", exact=True)
    expect(team.locator("option")).to_have_count(2)  # the empty choice and the one team
    team.select_option(label=f"{cast.far_team.name} · {cast.other_site.name}")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.get_by_role("link", name=cast.far_agent.full_name)).to_be_visible()
    expect(page.get_by_role("link", name=cast.agent.full_name)).to_have_count(0)
