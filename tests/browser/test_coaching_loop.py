"""The leader's loop through the real pages: schedule, the employee's agenda, notes and an action
item, held, the employee confirms and ticks the action, and the dashboard shows them covered."""

import datetime
import re

from django.utils import timezone
from playwright.sync_api import expect

from coaching.models import ActionItem, Conversation


def test_the_leaders_loop_from_booking_to_a_confirmed_summary(cast, log_in, browser, live_server):
    page = log_in(cast.leader)
    page.goto(f"/coaching/schedule/?employee={cast.agent.pk}")
    expect(page.get_by_label("Employee")).to_have_value(str(cast.agent.pk))
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    page.get_by_label("Date").fill(tomorrow.isoformat())
    page.get_by_label("Time (24-hour clock)").fill("22:30")
    page.get_by_label("Place or video link").fill("Room Fjorden")
    page.get_by_role("button", name="Book").click()
    expect(page.get_by_text("was booked and an invitation sent")).to_be_visible()
    conversation = Conversation.objects.get()
    assert timezone.localtime(conversation.scheduled_at).time() == datetime.time(22, 30)

    # The employee adds an agenda item; htmx swaps in the agenda without a reload.
    employee_context = browser.new_context(base_url=live_server.url, locale="en-GB")
    employee_page = employee_context.new_page()
    employee_page.goto("/login/")
    employee_page.get_by_label("Username").fill(cast.agent.user.username)
    employee_page.get_by_label("Password").fill("samtal-test-password")
    employee_page.get_by_role("button", name="Log in").click()
    employee_page.goto("/coaching/")
    expect(employee_page.get_by_role("heading", name="Your next conversation")).to_be_visible()
    employee_page.get_by_label("Agenda item").fill("Evening shifts next month")
    employee_page.evaluate("window.samtalMarker = 1")
    employee_page.get_by_role("button", name="Add to agenda").click()
    expect(employee_page.locator("#agenda").get_by_text("Evening shifts next month")).to_be_visible()
    assert employee_page.evaluate("window.samtalMarker") == 1  # same page: no reload

    # Time passes: the conversation has started.
    Conversation.objects.filter(pk=conversation.pk).update(
        scheduled_at=timezone.now() - datetime.timedelta(minutes=40)
    )
    page.goto(conversation.get_absolute_url())
    expect(page.locator("#agenda").get_by_text("Evening shifts next month")).to_be_visible()
    page.get_by_label("Shared notes").fill("We agreed to try two evening shifts a week.")
    page.get_by_label("New action item").fill("Swap the Friday late shift with a colleague")
    page.get_by_label("Owner").select_option("employee")
    page.get_by_label("Private note").fill("Check in on the sleep question quietly.")
    page.get_by_role("button", name="Save notes").click()
    expect(page.get_by_text("The notes were saved.")).to_be_visible()
    page.get_by_role("button", name="Mark as held").click()
    expect(page.get_by_text("Marked as held.")).to_be_visible()

    # The employee reads the summary, confirms it and ticks off the action item.
    employee_page.goto(conversation.get_absolute_url())
    expect(employee_page.get_by_text("We agreed to try two evening shifts a week.")).to_be_visible()
    expect(employee_page.get_by_text("Check in on the sleep question")).to_have_count(0)
    employee_page.get_by_label("Your comment (optional)").fill("Thanks, a fair summary.")
    employee_page.get_by_role("button", name="Confirm summary").click()
    expect(employee_page.get_by_text("the summary is confirmed")).to_be_visible()

    employee_page.goto("/coaching/")
    employee_page.get_by_role("button", name=re.compile("Mark done: Swap the Friday late shift")).click()
    expect(employee_page.get_by_role("button", name=re.compile("^Done: Swap the Friday"))).to_be_visible()
    assert ActionItem.objects.get().completed_at is not None
    employee_context.close()

    # The leader's dashboard shows the person as covered.
    page.get_by_role("navigation", name="Main navigation").get_by_role("link", name="Dashboard").click()
    expect(page.locator(f"#member-{cast.agent.pk}").get_by_text("Overdue")).to_have_count(0)


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
