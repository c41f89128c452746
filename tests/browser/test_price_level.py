"""Finance sets the price and wage index in Chromium, then the card list's totals and charts
show one price level; axe checks each page, with and without JavaScript."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from proposals.models import Status
from tests.browser.conftest import assert_accessible, log_in
from tests.factories import make_card


@pytest.fixture
def cards(transactional_db, cycle, finance, department_a, committee):
    make_card(by=finance, department=department_a, committee=committee, number="T101",
              status=Status.RELEASED)  # fmt: skip
    make_card(by=finance, department=department_a, committee=committee, number="T102",
              price_year=2025, status=Status.RELEASED, service_frame="nej")  # fmt: skip


def set_index(page, cycle, *, axe=True):
    page.goto("/mine-opgaver/")
    page.get_by_role("link", name="Pris- og lønindeks (fælles prisniveau 2026)").click()
    expect(page.get_by_role("heading", name="Pris- og lønindeks", exact=True)).to_be_visible()
    page.get_by_label("Indeks 2025").fill("100.0")
    page.get_by_role("button", name="Gem indekset").click()
    expect(page.get_by_text("brug komma som decimaltegn")).to_be_visible()
    expect(page.get_by_text("Skriv, hvor indekset for 2025 kommer fra.")).to_be_visible()
    if axe:  # axe runs as a script in the page
        assert_accessible(page)
    for year, index in (("2025", "100,0"), ("2026", "102,3")):
        page.get_by_label(f"Indeks {year}", exact=True).fill(index)
        page.get_by_label(f"Kilde {year}").fill("KL's pris- og lønskøn, juni 2025")
        page.get_by_label(f"Dato for skønnet {year}").fill("15.06.2025")
    page.get_by_role("button", name="Gem indekset").click()
    expect(page.get_by_text("Pris- og lønindekset er gemt.")).to_be_visible()
    expect(page.get_by_role("cell", name="2025: 100; 2026: 102,3")).to_be_visible()
    if axe:  # axe runs as a script in the page
        assert_accessible(page)


def see_one_price_level(page, cycle, *, axe=True):
    page.goto(f"/budget/{cycle.slug}/forslag/")
    expect(page.get_by_text("totalerne er ikke omregnet")).to_be_visible()
    page.get_by_role("link", name="Vis totalerne i 2026-priser").click()
    expect(page.get_by_text("Totalerne er omregnet til 2026-priser")).to_be_visible()
    chart = page.get_by_role("img", name="Netto pr. år fordelt på udvalg")
    expect(chart).to_be_visible()
    table = page.get_by_role("table", name="Tallene bag diagrammet: Netto pr. år fordelt på udvalg")
    expect(table.get_by_role("row", name="Økonomiudvalget")).to_contain_text("2,023")
    if axe:  # axe runs as a script in the page
        assert_accessible(page)


def test_finance_sets_the_index_and_the_list_converts(page, cards, cycle, finance):
    log_in(page, finance.username)
    set_index(page, cycle)
    see_one_price_level(page, cycle)


def test_the_same_without_javascript_on_a_phone(browser, live_server, cards, cycle, finance):
    context = browser.new_context(
        base_url=live_server.url, locale="da-DK", java_script_enabled=False,
        viewport={"width": 390, "height": 844},
    )  # fmt: skip
    page = context.new_page()
    try:
        log_in(page, finance.username)
        set_index(page, cycle, axe=False)
        see_one_price_level(page, cycle, axe=False)
    finally:
        context.close()


def test_a_citizen_reads_the_budget_in_brief(page, cards, cycle):
    page.goto("/")
    page.get_by_role("link", name="Budget i korte træk").first.click()
    expect(
        page.get_by_role("heading", name="Budget i korte træk: Budget 2026-2029")
    ).to_be_visible()
    expect(page.get_by_role("img", name="Netto pr. år fordelt på udvalg")).to_be_visible()
    expect(page.get_by_role("heading", name="De største forslag (netto 2026)")).to_be_visible()
    assert_accessible(page)
