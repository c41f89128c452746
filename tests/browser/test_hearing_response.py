"""A citizen reads an open hearing and sends a response, in Chromium, with an axe check."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from hearings.models import Response
from tests.browser.conftest import assert_accessible


@pytest.fixture
def open_hearing(transactional_db, hearing):
    return hearing


def test_citizen_sends_a_hearing_response(page, open_hearing):
    page.goto("/hoeringer/")
    page.get_by_role("link", name="Høring om effektiviseringskatalog").click()
    expect(page.get_by_role("heading", name="Send et høringssvar")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Send høringssvar").click()
    expect(page.get_by_text("Dit svar er ikke sendt")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Navn").fill("Karen Borger")
    page.get_by_label("Organisation").fill("Svømmeklubben Delfinen")
    page.get_by_label("E-mail").fill("karen@example.dk")
    page.get_by_label("Dit høringssvar").fill("Svømmehallen bruges af tre skoler hver uge.")
    # DKFDS draws its own checkboxes: people click the label.
    page.locator("label", has_text="R101 Lukning af svømmehal").click()
    page.locator("label", has_text="Jeg giver samtykke til").click()
    expect(page.get_by_label("R101 Lukning af svømmehal")).to_be_checked()
    expect(page.get_by_label("Jeg giver samtykke til, at mit svar offentliggøres")).to_be_checked()
    page.get_by_role("button", name="Send høringssvar").click()

    expect(page.get_by_role("heading", name="Tak for dit høringssvar")).to_be_visible()
    expect(page.get_by_text("som svar nr. 1")).to_be_visible()
    assert_accessible(page)
    page.go_back()
    page.get_by_role("button", name="Send høringssvar").click()  # the same form again
    expect(page.get_by_text("som svar nr. 1")).to_be_visible()
    response = Response.objects.get()
    assert response.organisation == "Svømmeklubben Delfinen"
    assert [c.number for c in response.cards.all()] == ["R101"]
