"""Journeys per role, each run four ways: JavaScript on and off, 1280 and 390 px wide.

`journey` gives a page in one of the four ways on the demo data (loaddemo); `check_page`
is what every page state must pass: axe with no serious or critical violation and, at
390 px, no horizontal scrolling.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from playwright.sync_api import Browser, Page, Route, expect

DEMO_PASSWORD = "budget2026"  # noqa: S105 - loaddemo's documented demo logins
NORDDJURS = "Budget 2026-2029, Norddjurs Kommune"
HEARING = "Høring om tekniske korrektioner i budget 2026-2029"
SERIOUS = ("serious", "critical")
AXE_OPTIONS = {"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}


@dataclass(frozen=True)
class Way:
    javascript: bool
    width: int

    def __str__(self) -> str:
        return f"{'js' if self.javascript else 'nojs'}-{self.width}"


WAYS = [Way(True, 1280), Way(False, 1280), Way(True, 390), Way(False, 390)]

# With JavaScript off, axe cannot run in the page (its timers never fire): it runs in a
# JavaScript-enabled twin that is given the page's DOM, scripts removed, at the same URL.
_twins: dict[Page, Page] = {}
_SCRIPT = re.compile(r"<script\b.*?</script>", flags=re.S | re.I)

# Seconds per journey, reported at the end of the session (see conftest).
timings: list[tuple[str, float]] = []


@pytest.fixture
def demo_site(transactional_db, settings):
    call_command("loaddemo", allow_production=True, verbosity=0)
    settings.DEFAULT_CYCLE = "norddjurs-2026"  # as scripts/run-demo sets it


@pytest.fixture(params=WAYS, ids=str)
def journey(request, browser: Browser, live_server, demo_site) -> Iterator[Page]:
    way: Way = request.param
    size = {"width": way.width, "height": 900}
    context = browser.new_context(base_url=live_server.url, locale="da-DK", viewport=size,
                                  java_script_enabled=way.javascript)  # fmt: skip
    page = context.new_page()
    page.set_default_timeout(10_000)
    problems: list[str] = []

    def ours() -> bool:
        # The portal's own pages only: an identity provider's pages (tests/sso) are not ours.
        return page.url.startswith(live_server.url)

    page.on("console", lambda msg: msg.type == "error" and ours() and problems.append(msg.text))
    page.on("pageerror", lambda exc: ours() and problems.append(str(exc)))
    twin_context = None
    if not way.javascript:
        twin_context = browser.new_context(base_url=live_server.url, viewport=size)
        _twins[page] = twin_context.new_page()
    started = time.perf_counter()
    yield page
    timings.append((request.node.nodeid, time.perf_counter() - started))
    _twins.pop(page, None)
    context.close()
    if twin_context:
        twin_context.close()
    # As in conftest's page: htmx aborting a live-totals request on purpose is logged, not
    # failed; a script error or a CSP violation fails the journey.
    expected = ("htmx:sendAbort", "htmx:afterRequest")
    assert not [p for p in problems if not p.startswith(expected)], problems


def check_page(page: Page) -> None:
    """Every page state of a journey: accessible (axe: no serious or critical violation)
    and, on a phone, no sideways scrolling."""
    # Live parts (htmx totals) settle first: the test reads the database next, and SQLite's
    # shared in-memory test database refuses a read while the live server writes.
    page.wait_for_load_state("networkidle")
    if page.viewport_size["width"] <= 390:
        scroll_width, inner_width = page.evaluate(
            "[document.documentElement.scrollWidth, window.innerWidth]"
        )
        assert scroll_width <= inner_width, (
            f"{page.url} scrolls sideways at {inner_width} px: {scroll_width} px wide; "
            f"widest: {widest(page)}"
        )
    results = Axe().run(_axe_target(page), options=AXE_OPTIONS)
    serious = [v for v in results.response["violations"] if v.get("impact") in SERIOUS]
    assert not serious, f"{page.url}\n" + "\n".join(
        f"{v['impact']}: {v['id']} {v['help']}: "
        + "; ".join(n["target"][0] for n in v["nodes"][:5])
        for v in serious
    )


def _axe_target(page: Page) -> Page:
    twin = _twins.get(page)
    if twin is None:
        return page
    html = _SCRIPT.sub("", page.content())
    url = page.url

    def serve(route: Route) -> None:
        route.fulfill(status=200, content_type="text/html; charset=utf-8", body=html)

    twin.route(lambda u: u == url, serve)
    try:
        twin.goto(url)
    finally:
        twin.unroute_all()
    twin.wait_for_load_state()
    return twin


def widest(page: Page) -> str:
    """The elements reaching past the right edge outside any scrolling box, for the
    failure message."""
    return page.evaluate(WIDEST_JS)


WIDEST_JS = """() => {
  const clipped = e => {
    for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
      if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(p).overflowX)) return true;
    }
    return false;
  };
  const classes = e => typeof e.className === 'string' && e.className.trim()
    ? '.' + e.className.trim().split(/ +/).join('.') : '';
  const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + classes(e);
  return [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && !clipped(e))
    .slice(0, 6).map(e => name(e) + ' ' + Math.round(e.getBoundingClientRect().right) + 'px')
    .join(', ');
}"""


def open_menu(page: Page) -> None:
    """On a phone the header's menu and account fold behind "Menu": open it if it is shut."""
    toggle = page.locator("details.portal-menu")
    if toggle.locator("summary").is_visible() and toggle.get_attribute("open") is None:
        toggle.locator("summary").click()


def go_to(page: Page, label: str) -> None:
    """A place in the header's navigation, as the person clicks it."""
    open_menu(page)
    page.get_by_role("navigation", name="Hovedmenu").get_by_role(
        "link", name=label, exact=True
    ).click()


def sign_in(page: Page, username: str) -> None:
    """From the page the person is on: the header's "Log ind", then the form; sign-in lands
    on the person's start page."""
    open_menu(page)
    page.get_by_role("banner").get_by_role("link", name="Log ind").click()
    fill_sign_in(page, username)
    expect(page.get_by_role("heading", name="Mine opgaver")).to_be_visible()
    check_page(page)


def fill_sign_in(page: Page, username: str) -> None:
    expect(page.get_by_role("heading", name="Log ind")).to_be_visible()
    check_page(page)
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    open_menu(page)
    expect(page.get_by_role("button", name="Log ud")).to_be_visible()
