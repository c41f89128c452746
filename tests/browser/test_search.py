"""A citizen searches in Chromium: results appear while typing, and the page is accessible."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from proposals.models import Status
from tests.browser.conftest import assert_accessible
from tests.factories import make_card


@pytest.fixture
def cards(transactional_db, finance, department_a, committee):
    for number, title, status in [
        ("A101", "Ny skole i Auning", Status.RELEASED),
        ("T102", "Vejvedligehold", Status.RELEASED),
        ("T103", "Skolereform", Status.DRAFT),
    ]:
        make_card(by=finance, department=department_a, committee=committee, number=number,
                  title=title, status=status)  # fmt: skip


def test_results_appear_while_typing(page, cards):
    page.goto("/soeg/")
    expect(page.get_by_role("heading", name="Søg i budgetmaterialet")).to_be_visible()
    assert_accessible(page)
    # A full page load would lose this; htmx swapping the results keeps it.
    page.evaluate("window.stillTheSamePage = true")
    page.get_by_label("Søg efter").press_sequentially("skoler", delay=40)
    expect(page.get_by_role("link", name="A101 Ny skole i Auning")).to_be_visible()
    expect(page.get_by_text("1 resultat", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="T103 Skolereform")).to_have_count(0)
    expect(page).to_have_url(re.compile(r"/soeg/\?q=skoler"))
    assert page.evaluate("window.stillTheSamePage") is True
    assert_accessible(page)

    page.get_by_label("Type").select_option("brev")
    expect(page.get_by_text("Ingen resultater for “skoler”.")).to_be_visible()
    assert page.evaluate("window.stillTheSamePage") is True


def test_the_header_search_field_leads_to_the_results(page, cards):
    page.goto("/")
    page.get_by_role("searchbox", name="Søg i portalen").fill("vejvedligehold")
    page.get_by_role("searchbox", name="Søg i portalen").press("Enter")
    expect(page.get_by_role("link", name="T102 Vejvedligehold")).to_be_visible()
    expect(page.get_by_label("Søg efter")).to_have_value("vejvedligehold")
    assert_accessible(page)
