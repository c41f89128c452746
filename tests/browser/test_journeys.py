"""One journey per role on the demo data, by visible labels and roles, clicking from the
first page reached; each runs four ways (JavaScript on and off, 1280 and 390 px wide) and
every page state passes check_page (axe, no sideways scrolling on a phone).

Each signed-in journey starts where sign-in lands, the role's start page ("Mine opgaver"),
and reaches the rest through its task links and the header's navigation.
"""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from hearings.models import Response
from politics.models import Comment, Question, Scenario
from proposals.models import Proposal, Status
from tests.browser.journey import HEARING, check_page, go_to, open_menu, sign_in


def card(number: str) -> Proposal:
    return Proposal.objects.get(cycle__slug="norddjurs-2026", number=number)


def status(page: Page):
    return page.get_by_role("paragraph").filter(has_text="Status:")


def task(page: Page, text: str) -> None:
    """A task link on the start page ("1 kladde i din afdeling")."""
    page.get_by_role("main").get_by_role("link", name=re.compile(text)).first.click()


def test_citizen_answers_the_open_hearing(journey: Page):
    page = journey
    page.goto("/")
    check_page(page)
    go_to(page, "Høringer")
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
    task(page, "kladde i din afdeling")
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
    task(page, "indsendte? forslag venter")
    check_page(page)
    page.get_by_role("link", name="U301", exact=True).click()
    expect(page.get_by_role("heading", name="Lektiecafé på alle skoler")).to_be_visible()
    check_page(page)
    # Releasing cannot be undone: the box is the confirmation, with or without JavaScript.
    page.locator("label", has_text="Jeg har tjekket kortet").click()
    page.get_by_role("button", name="Frigiv til politikerne").click()
    expect(status(page)).to_contain_text("Frigivet til politikerne")
    check_page(page)
    assert card("U301").status == Status.RELEASED

    go_to(page, "Mine opgaver")
    task(page, "høringssvar venter på moderation")
    expect(page.get_by_role("heading", name="Behandl høringssvar")).to_be_visible()
    check_page(page)
    waiting = page.locator("article", has_text="Mette Madsen")
    waiting.locator("label", has_text="Offentliggørelsen kan ikke fortrydes").click()
    waiting.get_by_role("button", name="Offentliggør").click()
    expect(page.locator("article", has_text="Mette Madsen")).to_contain_text("Offentliggjort")
    check_page(page)
    assert Response.objects.get(name="Mette Madsen").state == Response.State.PUBLISHED


def enter_reading_room(page: Page) -> None:
    page.goto("/")
    sign_in(page, "politiker")
    go_to(page, "Læsesal")
    expect(page.get_by_role("heading", name=re.compile("^Læsesal"))).to_be_visible()
    check_page(page)


def test_politician_comments_on_a_card_from_the_reading_room(journey: Page):
    page = journey
    enter_reading_room(page)
    # New to this politician since the last visit: the reading room lists it first.
    news = page.locator("#nyt-siden-sidst")
    news.get_by_role("link", name="T105 IT- og Cybersikkerhed (NIS2)").click()
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
    go_to(page, "Spørgsmål")
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
    go_to(page, "Scenarier")
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


def choose_filter(page: Page, label: str, option: str) -> None:
    """A filter of the card list: with JavaScript the list follows the choice at once
    (htmx); without, the reader sends the form with "Filtrér"."""
    page.get_by_label(label, exact=True).select_option(label=option)
    send = page.get_by_role("button", name="Filtrér")
    # portal.js hides the button from sight (not from screen readers) once htmx is there.
    if "sr-only" not in (send.get_attribute("class") or ""):
        send.click()


def test_finance_filters_the_card_list_by_status(journey: Page):
    page = journey
    page.goto("/")
    sign_in(page, "okonomi")
    go_to(page, "Forslag")
    results = page.locator("#results")
    expect(results.get_by_role("link", name="U301", exact=True)).to_be_visible()
    check_page(page)

    choose_filter(page, "Status", "Kladde")
    expect(results.get_by_role("status")).to_have_text("1 forslag")
    expect(results.get_by_role("link", name="U110", exact=True)).to_be_visible()
    expect(page).to_have_url(re.compile(r"status=kladde"))
    check_page(page)

    choose_filter(page, "Status", "Indsendt")
    expect(results.get_by_role("link", name="U301", exact=True)).to_be_visible()
    expect(results.get_by_role("link", name="U110", exact=True)).to_have_count(0)
    expect(page.get_by_label("Status", exact=True)).to_have_value("indsendt")
    check_page(page)


def test_citizen_switches_budget_in_the_header_and_stays_on_the_card_list(journey: Page):
    page = journey
    page.goto("/")
    go_to(page, "Forslag")
    expect(page).to_have_url(re.compile(r"/budget/norddjurs-2026/forslag/$"))
    open_menu(page)
    page.get_by_label("Budgetår").select_option(label="Budget 2024-31 (Allerød Kommune)")
    page.get_by_role("button", name="Skift").click()
    expect(page).to_have_url(re.compile(r"/budget/alleroed-2024/forslag/$"))
    open_menu(page)
    expect(page.get_by_label("Budgetår")).to_have_value("alleroed-2024")
    check_page(page)
