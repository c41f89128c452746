"""One journey per role on the demo data, by visible labels and roles, clicking from the
first page reached; each runs four ways (JavaScript on and off, 1280 and 390 px wide) and
every page state passes check_page (axe, no sideways scrolling on a phone).

Start pages ("Mine opgaver") and the header navigation per role come with the nav branch;
the politician's steps that need it are in an xfail test until then.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from hearings.models import Response
from politics.models import Comment, Question, Scenario
from proposals.models import Proposal, Status
from tests.browser.journey import HEARING, NORDDJURS, check_page, fill_sign_in, sign_in


def card(number: str) -> Proposal:
    return Proposal.objects.get(cycle__slug="norddjurs-2026", number=number)


def status(page: Page):
    return page.get_by_role("paragraph").filter(has_text="Status:")


def nav(page: Page):
    return page.get_by_role("navigation", name="Hovedmenu")


def test_citizen_answers_the_open_hearing(journey: Page):
    page = journey
    page.goto("/")
    check_page(page)
    nav(page).get_by_role("link", name="Høringer").click()
    expect(page.get_by_role("heading", name="Høringer", exact=True)).to_be_visible()
    check_page(page)
    page.get_by_role("link", name=HEARING).click()
    expect(page.get_by_role("heading", name="Send et høringssvar")).to_be_visible()
    check_page(page)

    page.get_by_role("button", name="Send høringssvar").click()
    expect(page.get_by_text("Dit svar er ikke sendt")).to_be_visible()
    check_page(page)

    page.get_by_label("Navn").fill("Karen Borger")
    page.get_by_label("E-mail").fill("karen@example.dk")
    page.get_by_label("Dit høringssvar").fill(
        "Behold pengene til NIS2: vi har brug for sikre systemer."
    )
    # DKFDS draws its own checkboxes: people click the label.
    page.locator("label", has_text="T105 IT- og Cybersikkerhed (NIS2)").click()
    page.locator("label", has_text="Jeg giver samtykke til").click()
    page.get_by_role("button", name="Send høringssvar").click()

    expect(page.get_by_role("heading", name="Tak for dit høringssvar")).to_be_visible()
    expect(page.get_by_text("som svar nr. 3")).to_be_visible()
    check_page(page)
    response = Response.objects.get(name="Karen Borger")
    assert (response.state, [c.number for c in response.cards.all()]) == (
        Response.State.RECEIVED,
        ["T105"],
    )


def test_department_editor_revises_own_draft_and_sends_it_to_finance(journey: Page):
    page = journey
    page.goto("/")
    sign_in(page, "afdeling")
    check_page(page)
    page.get_by_role("link", name=NORDDJURS).click()
    check_page(page)
    page.get_by_role("link", name="U110", exact=True).click()
    expect(
        page.get_by_role("heading", name="Flere digitale selvbetjeningsløsninger")
    ).to_be_visible()
    check_page(page)

    page.get_by_role("link", name="Rediger kortet").click()
    check_page(page)
    page.get_by_label("Udgifter 2026").fill("0,450")
    page.get_by_role("button", name="Gem kortet").click()
    expect(page.get_by_text("Ændringerne er gemt som version")).to_be_visible()
    check_page(page)

    page.get_by_role("button", name="Send til Økonomi").click()
    expect(status(page)).to_contain_text("Indsendt")
    check_page(page)
    u110 = card("U110")
    assert u110.status == Status.SUBMITTED
    assert [y.expenses for y in u110.ordered_years()] == [450_000, 400_000, 400_000, 400_000]


def test_finance_releases_a_submitted_card_and_publishes_a_response(journey: Page):
    page = journey
    page.goto("/")
    sign_in(page, "okonomi")
    check_page(page)
    page.get_by_role("link", name=NORDDJURS).click()
    check_page(page)
    page.get_by_role("link", name="U301", exact=True).click()
    expect(page.get_by_role("heading", name="Lektiecafé på alle skoler")).to_be_visible()
    check_page(page)
    page.get_by_role("button", name="Frigiv til politikerne").click()
    expect(status(page)).to_contain_text("Frigivet til politikerne")
    check_page(page)
    assert card("U301").status == Status.RELEASED

    nav(page).get_by_role("link", name="Høringer").click()
    page.get_by_role("link", name=HEARING).click()
    check_page(page)  # with finance's "Behandl svar"
    page.get_by_role("link", name="Behandl svar").click()
    expect(page.get_by_role("heading", name="Behandl høringssvar")).to_be_visible()
    check_page(page)
    waiting = page.locator("article", has_text="Mette Madsen")
    waiting.get_by_role("button", name="Offentliggør").click()
    expect(page.locator("article", has_text="Mette Madsen")).to_contain_text("Offentliggjort")
    check_page(page)
    assert Response.objects.get(name="Mette Madsen").state == Response.State.PUBLISHED


def enter_reading_room(page: Page) -> None:
    """The one typed address: the reading room, as from a link in a mail; sign-in first."""
    page.goto("/politik/norddjurs-2026/")
    fill_sign_in(page, "politiker")
    expect(page.get_by_role("heading", name=re.compile("^Læsesal"))).to_be_visible()
    check_page(page)


def test_politician_comments_on_a_card_from_the_reading_room(journey: Page):
    page = journey
    enter_reading_room(page)
    page.get_by_role("link", name="T105 IT- og Cybersikkerhed (NIS2)").click()
    expect(page.get_by_role("heading", name="IT- og Cybersikkerhed (NIS2)")).to_be_visible()
    check_page(page)
    page.get_by_label("Ny kommentar").fill("Kan engangsudgiften deles over to år?")
    page.get_by_role("button", name="Tilføj").click()
    expect(page.locator("#kommentarer")).to_contain_text("Kan engangsudgiften deles over to år?")
    check_page(page)
    assert Comment.objects.get().proposal.number == "T105"


def test_politician_asks_a_budget_question(journey: Page):
    page = journey
    enter_reading_room(page)
    page.get_by_role("link", name="Budgetspørgsmål").click()
    expect(page.get_by_role("heading", name="Stil et spørgsmål")).to_be_visible()
    check_page(page)
    page.get_by_label("Om forslag").select_option(label="T109 Central Barselspulje")
    page.get_by_label("Dit spørgsmål").fill("Hvad koster puljen, hvis flere mænd tager barsel?")
    page.get_by_role("button", name="Stil spørgsmålet").click()
    expect(page.get_by_text("Hvad koster puljen, hvis flere mænd tager barsel?")).to_be_visible()
    check_page(page)
    question = Question.objects.get(text__startswith="Hvad koster puljen")
    assert (question.number, question.proposal.number, question.party.letter) == (5, "T109", "A")


def test_politician_builds_a_scenario(journey: Page):
    page = journey
    enter_reading_room(page)
    page.get_by_role("link", name="Forhandlingsscenarier").click()
    expect(page.get_by_role("checkbox", name="Socialdemokratiets udspil")).to_be_attached()
    check_page(page)
    page.get_by_label("Navn på nyt scenarie").fill("Kun NIS2")
    page.get_by_role("button", name="Opret scenarie").click()
    expect(page.get_by_role("heading", name="Kun NIS2")).to_be_visible()
    check_page(page)
    page.locator("label", has_text=re.compile("^T105 ")).click()
    page.get_by_label("Andel af T105 (%)").fill("50")
    page.get_by_role("button", name="Gem scenariet").click()
    expect(page.get_by_text("Scenariet er gemt.")).to_be_visible()
    check_page(page)
    scenario = Scenario.objects.get(name="Kun NIS2")
    assert [(e.proposal.number, e.share) for e in scenario.entries.all()] == [("T105", 50)]


@pytest.mark.xfail(strict=True, reason="header navigation lands with the nav branch")
def test_politician_reaches_the_reading_room_from_the_header(journey: Page):
    page = journey
    page.goto("/")
    sign_in(page, "politiker")
    nav(page).get_by_role("link", name="Læsesal").click(timeout=2_000)
    expect(page.get_by_role("heading", name=re.compile("^Læsesal"))).to_be_visible()
    check_page(page)
