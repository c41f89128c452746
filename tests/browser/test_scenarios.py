"""A politician builds two negotiation scenarios with live totals and compares them."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, log_in


@pytest.fixture
def live_seed(transactional_db, seed_cards):
    return seed_cards


def build(page, name: str, picks: dict[str, str]) -> None:
    page.get_by_label("Navn på nyt scenarie").fill(name)
    page.get_by_role("button", name="Opret scenarie").click()
    expect(page.get_by_role("heading", name=name)).to_be_visible()
    for number, share in picks.items():
        page.locator("label", has_text=re.compile(f"^{number} ")).click()
        page.get_by_label(f"Andel af {number} (%)").fill(share)


def test_politician_builds_and_compares_scenarios(page, live_seed, politician_a, cycle):
    log_in(page, politician_a.username)
    page.goto(f"/politik/{cycle.slug}/scenarier/")
    assert_accessible(page)

    build(page, "Hele pakken", {"T101": "100", "T105": "100", "T304": "100"})
    expect(page.get_by_test_id("net-1")).to_have_text("5,345")  # live, before saving
    expect(page.get_by_test_id("net-2")).to_have_text("5,145")
    assert_accessible(page)
    page.get_by_role("button", name="Gem scenariet").click()
    expect(page.get_by_text("Scenariet er gemt.")).to_be_visible()

    page.goto(f"/politik/{cycle.slug}/scenarier/")
    build(page, "Halv NIS2", {"T101": "100", "T105": "50", "T304": "100"})
    expect(page.get_by_test_id("net-1")).to_have_text("3,795")
    expect(page.get_by_test_id("net-2")).to_have_text("3,695")
    page.get_by_role("button", name="Gem scenariet").click()
    expect(page.get_by_text("Scenariet er gemt.")).to_be_visible()

    page.goto(f"/politik/{cycle.slug}/scenarier/")
    page.locator("label", has_text="Hele pakken").click()
    page.locator("label", has_text="Halv NIS2").click()
    page.get_by_role("button", name="Sammenlign valgte").click()
    table = page.get_by_role("table")
    expect(table).to_contain_text("5,345")
    expect(table).to_contain_text("3,795")
    assert_accessible(page)
