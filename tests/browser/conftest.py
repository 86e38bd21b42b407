"""Browser tests: headless Debian Chromium driven by Playwright against a live server.

Playwright's sync API runs an event loop in this thread, so Django's async-safety guard must be
told that the ORM calls made by test set-up here are fine.
"""

import os

import pytest
from playwright.sync_api import sync_playwright

from tests.conftest import browser_tests_missing, build_cast
from tests.factories import PASSWORD

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    # Outside CI a machine without the browser skips these (tests/conftest.py prints the one line
    # saying what is missing); CI never skips them, so a missing browser fails there.
    missing = browser_tests_missing() if os.environ.get("CI") != "true" else None
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            if missing:
                item.add_marker(pytest.mark.skip(reason=missing))


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def cast(transactional_db):
    """The same cast as elsewhere, committed so that the live server's thread sees it."""
    return build_cast()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="en-GB", timezone_id="Europe/Stockholm")
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def log_in(page):
    """Log in through the real login form as `employee_or_user` and return the page."""

    def log_in(employee_or_user):
        user = getattr(employee_or_user, "user", employee_or_user)
        page.goto("/login/")
        page.get_by_label("Username").fill(user.username)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_load_state()
        return page

    return log_in
