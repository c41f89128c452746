"""In Chromium: a citizen goes from a card to the form and is warned about a CPR number;
finance publishes with a confirmation and writes the høringsnotat, with and without JS."""

from __future__ import annotations

import uuid

import pytest
from playwright.sync_api import expect

from hearings.models import Response
from hearings.services import Submission, submit_response
from tests.browser.conftest import assert_accessible, log_in


@pytest.fixture
def open_hearing(transactional_db, hearing):
    return hearing


def _respond(hearing, text="Bevar svømmehallen.") -> Response:
    response, _ = submit_response(
        hearing,
        Submission(
            "Karen", "", "karen@example.dk", text, True, list(hearing.cards.all()), None,
            uuid.uuid4(),
        ),
        client_ip="192.0.2.1",
    )  # fmt: skip
    return response


def test_from_the_card_a_citizen_is_warned_about_a_cpr_number_and_sends_anyway(page, open_hearing):
    page.goto(open_hearing.cards.get().get_absolute_url())
    page.get_by_role("link", name="Send et høringssvar om dette forslag").click()
    expect(page.get_by_label("R101 Lukning af svømmehal")).to_be_checked()
    page.get_by_label("Navn").fill("Karen Borger")
    page.get_by_label("E-mail").fill("karen@example.dk")
    page.get_by_label("Dit høringssvar").fill("Jeg har CPR-nummer 010203-1234 og bruger hallen.")
    page.get_by_label("Dit høringssvar").blur()  # htmx asks on change
    expect(page.get_by_text("Teksten ser ud til at indeholde et CPR-nummer")).to_be_visible()
    assert_accessible(page)
    page.locator("label", has_text="Send alligevel").click()
    page.get_by_role("button", name="Send høringssvar").click()
    expect(page.get_by_role("heading", name="Tak for dit høringssvar")).to_be_visible()
    expect(page.get_by_text("R101 Lukning af svømmehal")).to_be_visible()
    expect(page.get_by_text("XXXXXX-XXXX")).to_be_visible()
    assert Response.objects.get().cards.get().number == "R101"


def test_without_javascript_the_warning_comes_after_the_first_submit(browser, live_server, hearing):
    context = browser.new_context(
        base_url=live_server.url, locale="da-DK", java_script_enabled=False
    )
    page = context.new_page()
    page.goto(hearing.get_absolute_url())
    page.get_by_label("Navn").fill("Karen Borger")
    page.get_by_label("E-mail").fill("karen@example.dk")
    page.get_by_label("Dit høringssvar").fill("CPR 010203-1234.")
    page.get_by_role("button", name="Send høringssvar").click()
    expect(page.get_by_text("Teksten ser ud til at indeholde et CPR-nummer").first).to_be_visible()
    assert not Response.objects.exists()
    page.get_by_label("Send alligevel").check()
    page.get_by_role("button", name="Send høringssvar").click()
    expect(page.get_by_role("heading", name="Tak for dit høringssvar")).to_be_visible()
    context.close()
    assert Response.objects.count() == 1


def test_finance_confirms_publication_and_writes_the_note_with_htmx(page, open_hearing, finance):
    response = _respond(open_hearing)
    log_in(page, finance.username)
    page.goto(f"/hoeringer/{open_hearing.slug}/moderation/")
    page.get_by_role("button", name="Offentliggør").click()
    expect(page.get_by_text("Bekræft, at svaret skal offentliggøres")).to_be_visible()
    page.locator("label", has_text="Offentliggørelsen kan ikke fortrydes").click()
    page.get_by_role("button", name="Offentliggør").click()
    expect(page.get_by_role("heading", name="Svar nr. 1 · Offentliggjort")).to_be_visible()

    page.get_by_role("link", name="Udkast til høringsnotat").click()
    expect(page.get_by_role("heading", name="Høringsnotat", exact=True)).to_be_visible()
    url = page.url
    page.get_by_role("link", name="Ret resumé og bemærkning til svar nr. 1").click()
    expect(page.get_by_label("Resumé")).to_have_value("Bevar svømmehallen.")
    assert page.url == url  # htmx swapped the note, no page load
    page.get_by_label("Administrationens bemærkning").fill("Indgår i 2. behandling.")
    assert_accessible(page)
    page.get_by_role("button", name="Gem", exact=True).click()
    expect(page.get_by_text("Indgår i 2. behandling.")).to_be_visible()
    page.get_by_role("link", name="Skriv en bemærkning til hele gruppen").click()
    page.get_by_label("Administrationens fælles bemærkning").fill("Samlet vurdering.")
    page.get_by_role("button", name="Gem bemærkning").click()
    expect(page.get_by_text("Samlet vurdering.")).to_be_visible()
    assert_accessible(page)
    response.refresh_from_db()
    assert response.remark == "Indgår i 2. behandling."
