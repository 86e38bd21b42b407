"""The leader's loop through the real pages: schedule, the employee's agenda, notes and an action
item, held, the employee confirms and ticks the action, and the dashboard shows them covered."""

import datetime
import re

from django.utils import timezone
from playwright.sync_api import expect

from coaching.models import ActionItem, Conversation


def employee_page_for(browser, live_server, employee):
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.goto("/login/")
    page.get_by_label("Username").fill(employee.user.username)
    page.get_by_label("Password").fill("samtal-test-password")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()
    return context, page


def test_the_leaders_loop_from_booking_to_a_confirmed_and_reconfirmed_summary(
    cast, log_in, browser, live_server
):
    """In Swedish, as at the Uppsala site."""
    for person in (cast.leader, cast.agent):
        person.language = "sv"
        person.save()
    page = log_in(cast.leader)
    page.goto(f"/coaching/schedule/?employee={cast.agent.pk}")
    expect(page.get_by_label("Anställd")).to_have_value(str(cast.agent.pk))
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    page.get_by_label("Datum").fill(tomorrow.isoformat())
    page.get_by_label("Tid (24-timmars)").fill("22:30")
    page.get_by_label("Plats eller videolänk").fill("Rum Fjorden")
    page.get_by_role("button", name="Boka", exact=True).click()
    expect(page.get_by_text("bokades och en inbjudan skickades")).to_be_visible()
    conversation = Conversation.objects.get()
    assert timezone.localtime(conversation.scheduled_at).time() == datetime.time(22, 30)

    # The employee adds an agenda item; htmx swaps in the agenda without a reload.
    employee_context, employee_page = employee_page_for(browser, live_server, cast.agent)
    employee_page.goto("/coaching/")
    expect(employee_page.get_by_role("heading", name="Ditt nästa samtal")).to_be_visible()
    employee_page.get_by_label("Agendapunkt").fill("Kvällspass nästa månad")
    employee_page.evaluate("window.samtalMarker = 1")
    employee_page.get_by_role("button", name="Lägg till på agendan").click()
    expect(employee_page.locator("#agenda").get_by_text("Kvällspass nästa månad")).to_be_visible()
    assert employee_page.evaluate("window.samtalMarker") == 1  # same page: no reload

    # Time passes: the conversation has started. The leader writes the notes and two action items
    # (the second row comes through htmx, keeping what was typed) and holds it in the same step.
    Conversation.objects.filter(pk=conversation.pk).update(
        scheduled_at=timezone.now() - datetime.timedelta(minutes=40)
    )
    page.goto(conversation.get_absolute_url())
    expect(page.locator("#agenda").get_by_text("Kvällspass nästa månad")).to_be_visible()
    expect(page.get_by_role("button", name="Markera som genomfört", exact=True)).to_have_count(0)
    page.get_by_label("Delade anteckningar").fill("Vi kom överens om två kvällspass i veckan.")
    page.get_by_label("Privat anteckning").fill("Fråga försiktigt om sömnen.")
    page.get_by_label("Ny åtgärdspunkt").fill("Byt fredagens sena pass med en kollega")
    page.get_by_label("Ansvarig").select_option("employee")
    page.evaluate("window.samtalMarker = 2")
    page.get_by_role("button", name="Lägg till ytterligare en åtgärdspunkt").click()
    expect(page.get_by_label("Ny åtgärdspunkt")).to_have_count(2)
    assert page.evaluate("window.samtalMarker") == 2  # only the rows were swapped
    expect(page.get_by_label("Ny åtgärdspunkt").first).to_have_value("Byt fredagens sena pass med en kollega")
    expect(page.get_by_label("Delade anteckningar")).to_have_value(
        "Vi kom överens om två kvällspass i veckan."
    )
    page.get_by_label("Ny åtgärdspunkt").nth(1).fill("Lyssna på två samtal med fadder")
    page.get_by_label("Ansvarig").nth(1).select_option("leader")
    page.get_by_role("button", name="Spara och markera som genomfört").click()
    expect(page.get_by_text("Sparat och markerat som genomfört.")).to_be_visible()
    conversation.refresh_from_db()
    assert conversation.status == Conversation.Status.HELD
    assert conversation.summary_requested_at is not None
    assert ActionItem.objects.count() == 2

    # The employee reads the summary and confirms it; the private note never reaches them.
    employee_page.goto(conversation.get_absolute_url())
    expect(employee_page.get_by_text("Vi kom överens om två kvällspass i veckan.")).to_be_visible()
    expect(employee_page.get_by_text("Fråga försiktigt om sömnen")).to_have_count(0)
    employee_page.get_by_label("Din kommentar (valfritt)").fill("Tack, en rättvis sammanfattning.")
    employee_page.get_by_role("button", name="Bekräfta sammanfattningen").click()
    expect(employee_page.get_by_text("sammanfattningen är bekräftad")).to_be_visible()

    # The leader changes the notes afterwards: the employee sees what changed and confirms again.
    page.goto(conversation.get_absolute_url())
    page.get_by_label("Delade anteckningar").fill("Vi kom överens om tre kvällspass i veckan.")
    page.get_by_role("button", name="Spara anteckningar").click()
    expect(page.get_by_text("Anteckningarna sparades.")).to_be_visible()
    employee_page.goto(conversation.get_absolute_url())
    changes = employee_page.locator("#notes-changes")
    expect(
        changes.get_by_role("heading", name="Detta har ändrats i de delade anteckningarna")
    ).to_be_visible()
    expect(changes.locator(".goals-diff-text del")).to_have_text("två")
    expect(changes.locator(".goals-diff-text ins")).to_have_text("tre")
    employee_page.get_by_role("button", name="Bekräfta sammanfattningen").click()
    expect(employee_page.get_by_text("sammanfattningen är bekräftad")).to_be_visible()
    conversation.refresh_from_db()
    assert conversation.summary_confirmed_at is not None

    employee_page.goto("/coaching/")
    employee_page.get_by_role("button", name=re.compile("Markera som klar: Byt fredagens sena pass")).click()
    expect(employee_page.get_by_role("button", name=re.compile("^Klar: Byt fredagens"))).to_be_visible()
    assert ActionItem.objects.get(owner="employee").completed_at is not None
    employee_context.close()

    # The leader's dashboard shows the person as covered.
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Översikt").click()
    expect(page.locator(f"#member-{cast.agent.pk}").get_by_text("Försenad")).to_have_count(0)


def test_ticking_an_action_item_works_without_javascript(cast, browser, live_server):
    from tests.coaching.factories import ActionItemFactory, HeldConversationFactory

    item = ActionItemFactory(
        conversation=HeldConversationFactory(employee=cast.agent), text="Read the new fee rules"
    )
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/login/")
    page.get_by_label("Username").fill(cast.agent.user.username)
    page.get_by_label("Password").fill("samtal-test-password")
    page.get_by_role("button", name="Log in").click()
    page.goto("/coaching/")
    page.get_by_role("button", name=re.compile("Mark done: Read the new fee rules")).click()
    expect(page).to_have_url(re.compile(r"/coaching/$"))
    expect(page.get_by_text("No open action items.")).to_be_visible()
    item.refresh_from_db()
    assert item.completed_at is not None
    context.close()


def test_on_a_phone_the_notes_form_is_on_the_first_screen_and_save_stays_within_reach(
    cast, browser, live_server
):
    from tests.coaching.factories import ConversationFactory

    conversation = ConversationFactory(
        employee=cast.agent, scheduled_at=timezone.now() - datetime.timedelta(minutes=40)
    )
    screen = {"width": 390, "height": 844}
    context = browser.new_context(base_url=live_server.url, viewport=screen, locale="en-GB")
    page = context.new_page()
    page.goto("/login/")
    page.get_by_label("Username").fill(cast.leader.user.username)
    page.get_by_label("Password").fill("samtal-test-password")
    page.get_by_role("button", name="Log in").click()
    page.goto(conversation.get_absolute_url())
    assert page.get_by_label("Shared notes").bounding_box()["y"] < screen["height"]
    page.get_by_label("Wins and praise").scroll_into_view_if_needed()  # halfway down the long form
    for name in ("Save notes", "Save and mark as held"):
        box = page.get_by_role("button", name=name).bounding_box()
        assert 0 <= box["y"] and box["y"] + box["height"] <= screen["height"], name
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    context.close()
