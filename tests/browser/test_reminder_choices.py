from playwright.sync_api import expect

from reminders.models import NotificationPreference
from tests.factories import PASSWORD


def test_an_evening_agent_on_a_phone_gathers_action_item_reminders_into_one_daily_e_mail(
    cast, browser, live_server
):
    """In Norwegian, at phone width: the agent reads their reminders on the way to a shift."""
    cast.agent.language = "nb"
    cast.agent.shift = cast.agent.Shift.EVENING
    cast.agent.save()
    screen = {"width": 390, "height": 844}
    context = browser.new_context(base_url=live_server.url, viewport=screen, locale="nb-NO")
    page = context.new_page()
    page.goto("/login/")
    page.get_by_label("Brukernavn").fill(cast.agent.user.username)
    page.get_by_label("Passord").fill(PASSWORD)
    page.get_by_role("button", name="Logg inn").click()

    page.goto("/reminders/")
    page.get_by_role("link", name="Slik får jeg påminnelser").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Slik får jeg påminnelser")
    action_items = page.get_by_role("group", name="Oppfølgingspunkt forfaller")
    action_items.get_by_label("Samlet i én e-post om dagen").check()
    compliance = page.get_by_role("group", name="Forventning å bekrefte")
    expect(compliance.get_by_label("Bare under Påminnelser i Samtal")).to_have_count(0)
    page.get_by_role("button", name="Lagre", exact=True).click()

    expect(page.get_by_text("Valgene dine for påminnelser er lagret.")).to_be_visible()
    expect(
        page.get_by_role("group", name="Oppfølgingspunkt forfaller").get_by_label(
            "Samlet i én e-post om dagen"
        )
    ).to_be_checked()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert dict(NotificationPreference.objects.values_list("kind", "delivery")) == {
        "action_item_due": "digest"
    }
    context.close()
