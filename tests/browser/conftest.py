"""Real Chromium (Debian's) driven by Playwright against the live test server, with axe."""

from __future__ import annotations

import os
import shutil

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, sync_playwright

from tests.browser.journey import demo_site, journey, timings  # noqa: F401 - fixtures

# Playwright's sync API runs an event loop in this thread; the ORM calls in test set-up are
# still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
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
    for item in items:
        if "tests/browser/" in str(item.path):
            item.add_marker(pytest.mark.browser)


def pytest_terminal_summary(terminalreporter):
    if timings:
        total = sum(seconds for _id, seconds in timings)
        terminalreporter.write_line(f"Journeys: {len(timings)} runs, {total:.1f} s in the browser.")


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield instance
        instance.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="da-DK")
    page = context.new_page()
    page.set_default_timeout(10_000)
    problems: list[str] = []
    page.on("console", lambda msg: msg.type == "error" and problems.append(msg.text))
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    yield page
    context.close()
    # A CSP violation or a script error is a failure even when the page looked right. A
    # request htmx aborts on purpose (hx-sync replace while typing) is logged, not failed;
    # a failed one also logs htmx:responseError or htmx:sendError, which still count.
    expected = ("htmx:sendAbort", "htmx:afterRequest")
    assert not [p for p in problems if not p.startswith(expected)], problems


def log_in(page: Page, username: str, password: str = "kodeord-til-test") -> None:
    page.goto("/log-ind/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(password)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_load_state()


def assert_accessible(page: Page) -> None:
    results = Axe().run(page, options={"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]})
    assert results.violations_count == 0, results.generate_report()
