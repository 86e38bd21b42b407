import json
import re

from playwright.sync_api import expect

from hr.models import AccessLogEntry
from tests.factories import PASSWORD
from tests.hr.builders import PRIVATE, development_history


def test_hr_finds_a_future_trainer_exports_the_history_and_the_agent_sees_the_visit(
    cast, browser, live_server, log_in
):
    cast.agent.career_interests = ["trainer"]
    cast.agent.save()
    development_history(cast.agent, years=2)
    cast.hr.language = "sv"
    cast.hr.save()
    cast.agent.language = "nb"
    cast.agent.save()

    page = log_in(cast.hr)
    menu = page.get_by_role("navigation", name="Huvudmeny")
    menu.get_by_role("button", name="Personer", exact=True).click()
    menu.get_by_role("link", name="Talangsök").click()
    page.get_by_label("Vill bli").select_option(label="Utbildare")
    page.get_by_role("button", name="Sök", exact=True).click()
    page.get_by_role("link", name=cast.agent.full_name).click()
    expect(
        page.get_by_role("heading", name=f"Utvecklingshistorik för {cast.agent.full_name}")
    ).to_be_visible()
    expect(page.get_by_text("bara ser att ett samtal ägde rum")).to_be_visible()
    expect(page.get_by_text(PRIVATE)).to_have_count(0)
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF").click()
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(4) == b"%PDF"
    assert set(AccessLogEntry.objects.values_list("what", flat=True)) == {"history", "export"}

    # The agent, on a phone, downloads their own data and sees HR's visit.
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 390, "height": 844}, locale="en-GB"
    )
    phone = context.new_page()
    phone.goto("/login/")
    phone.get_by_label("Username").fill(cast.agent.user.username)
    phone.get_by_label("Password").fill(PASSWORD)
    phone.get_by_role("button", name="Log in").click()
    open_account_menu(phone, cast.agent)
    phone.get_by_role("link", name="Mine data").click()
    expect(phone.get_by_role("heading", name="Alt Samtal har lagret om deg")).to_be_visible()
    with phone.expect_download() as download:
        phone.get_by_role("link", name="Last ned som JSON").click()
    with open(download.value.path(), encoding="utf-8") as copy:
        data = json.load(copy)
    assert {row["who"] for row in data["access_log"]} == {cast.hr.full_name}
    open_account_menu(phone, cast.agent)
    phone.get_by_role("link", name="Hvem har sett på dataene mine").click()
    visit = phone.get_by_role("row").filter(has_text="Utviklingshistorikk")
    expect(visit).to_contain_text(cast.hr.full_name)
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    context.close()


def open_account_menu(phone, person):
    # The account button is clickable while the collapsed navbar is still sliding open, and a click
    # then can be lost; wait until Bootstrap has finished showing it.
    phone.locator(".navbar-toggler").click()
    expect(phone.locator("#main-nav")).to_have_class(re.compile(r"\bshow\b"))
    phone.get_by_role("button", name=person.full_name).click()
