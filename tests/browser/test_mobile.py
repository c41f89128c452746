"""At 390 px wide (a phone) no page scrolls sideways and the header folds into a menu that
opens without JavaScript; at 1280 px the DKFDS navigation menu shows, without stray bullets."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, log_in

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def live_seed(transactional_db, seed_cards, hearing):
    return seed_cards


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, locale="da-DK", viewport=PHONE, java_script_enabled=False
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def fits(page, path: str) -> None:
    page.goto(path)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{path} is {width} px wide"
    # No table hides figures behind a sideways scroll of its own either.
    clipped = page.evaluate(
        """[...document.querySelectorAll('.table-scroll')]
           .filter(el => el.offsetParent !== null && el.scrollWidth > el.clientWidth + 1)
           .map(el => el.textContent.trim().slice(0, 40))"""
    )
    assert not clipped, f"{path}: tables scroll sideways: {clipped}"


def test_public_pages_fit_a_phone(phone, live_seed, cycle):
    card = live_seed["T101"]
    for path in ("/", f"/budget/{cycle.slug}/forslag/", card.get_absolute_url()):
        fits(phone, path)
    # The list keeps number, title and the first year's net on the phone.
    phone.goto(f"/budget/{cycle.slug}/forslag/")
    expect(phone.get_by_role("link", name="T101")).to_be_visible()
    expect(phone.get_by_role("cell", name="Digital udvikling KOMBIT projekter")).to_be_visible()
    # The card table, not the chart's table of numbers beside it.
    cards = phone.get_by_role("table", name="Forslag med netto pr. år")
    expect(cards.get_by_role("columnheader", name="Netto 2026")).to_be_visible()
    expect(cards.get_by_role("columnheader", name="Udvalg")).to_be_hidden()


def test_header_folds_into_a_menu_that_opens_without_js(phone, live_seed, cycle):
    phone.goto("/")
    expect(phone.get_by_role("link", name="Kalender", exact=True)).to_be_hidden()
    phone.get_by_text("Menu", exact=True).click()
    phone.get_by_role("link", name="Kalender", exact=True).click()
    expect(phone).to_have_url(f"/budget/{cycle.slug}/kalender/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.mark.parametrize("who", ["finance", "editor_a", "politician_a"])
def test_start_pages_and_card_form_fit_a_phone(who, request, phone, live_seed, cycle):
    user = request.getfixturevalue(who)
    log_in(phone, user.username)
    expect(phone).to_have_url("/mine-opgaver/")
    fits(phone, "/mine-opgaver/")
    if who == "finance":
        fits(phone, live_seed["T101"].get_absolute_url() + "rediger/")
        fits(phone, f"/budget/{cycle.slug}/forslag/ny/")


def test_wide_header_is_dkfds_navigation_without_stray_bullets(page, live_seed, cycle, finance):
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, finance.username)
    nav = page.get_by_role("navigation", name="Hovedmenu")
    expect(nav.get_by_role("link", name="Mine opgaver")).to_be_visible()
    expect(page.get_by_text("Menu", exact=True)).to_be_hidden()
    bullets = page.evaluate(
        """[...document.querySelectorAll('.portal-nav li')]
           .map(li => getComputedStyle(li, '::before').content)
           .filter(c => c && c !== 'none' && c !== 'normal' && c !== '""')"""
    )
    assert bullets == []
    # At full width the card list shows every column.
    page.goto(f"/budget/{cycle.slug}/forslag/")
    cards = page.get_by_role("table", name="Forslag med netto pr. år")
    expect(cards.get_by_role("columnheader", name="Udvalg")).to_be_visible()
    expect(cards.get_by_role("columnheader", name="Netto 2029")).to_be_visible()
    assert_accessible(page)
