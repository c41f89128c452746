"""A finance user edits a card in Chromium and sees the totals change while typing."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from proposals.models import Proposal, Status
from tests.browser.conftest import assert_accessible, log_in
from tests.factories import make_card


@pytest.fixture
def card(transactional_db, finance, department_a, committee):
    return make_card(
        by=finance,
        department=department_a,
        committee=committee,
        number="T101",
        title="Digital udvikling KOMBIT projekter",
        net=2_000_000,
        status=Status.RELEASED,
    )


def test_finance_edits_a_card_with_live_totals(page, card, finance):
    log_in(page, finance.username)
    page.goto(card.get_absolute_url())
    expect(page.get_by_role("heading", name="Digital udvikling KOMBIT projekter")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Rediger kortet").click()
    expect(page.get_by_test_id("net-total")).to_contain_text("8,000")
    assert_accessible(page)

    page.get_by_label("Udgifter 2026").fill("3,100")
    page.get_by_label("Indtægter 2026").fill("-0,200")
    # Netto 2026 = 3,100 - 0,200; the period = 2,900 + 3 x 2,000. No save, no reload.
    expect(page.get_by_test_id("net-1")).to_have_text("2,900")
    expect(page.get_by_test_id("net-total")).to_contain_text("8,900")

    page.get_by_label("Udgifter 2027").fill("12.5")
    expect(page.locator("#live-totals")).to_contain_text("brug komma som decimaltegn")
    page.get_by_label("Udgifter 2027").fill("2,000")
    expect(page.locator("#live-totals")).not_to_contain_text("brug komma")

    page.get_by_role("button", name="Gem kortet").click()
    expect(page.get_by_text("Ændringerne er gemt som version")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/forslag/T101/$"))
    expect(page.locator(".card-amount-table")).to_contain_text("3,100")
    card = Proposal.objects.get(pk=card.pk)
    assert [y.net for y in card.ordered_years()] == [2_900_000, 2_000_000, 2_000_000, 2_000_000]


def test_citizen_reads_released_card_and_list(page, card):
    page.goto(f"/budget/{card.cycle.slug}/forslag/")
    expect(page.get_by_role("link", name="T101")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Inden for servicerammen", exact=True).select_option("nej")
    expect(page.get_by_text("Ingen forslag matcher filtrene.")).to_be_visible()
    expect(page).to_have_url(re.compile(r"serviceramme=nej"))
