"""A politician reads a released answer beside the card it is about, four ways (JavaScript
on and off, 1280 and 390 px wide), on the demo data."""

from __future__ import annotations

import re

from django.utils import timezone
from django.utils.formats import date_format
from playwright.sync_api import Page, expect

from politics.models import Question
from tests.browser.journey import check_page, go_to, sign_in


def test_politician_reads_the_answer_beside_the_card_from_the_reading_room(journey: Page):
    page = journey
    page.goto("/")
    sign_in(page, "politiker")
    go_to(page, "Læsesal")
    expect(page.get_by_role("heading", name=re.compile("^Læsesal"))).to_be_visible()
    check_page(page)
    page.locator("#nyt-siden-sidst").get_by_role(
        "link", name="T105 IT- og Cybersikkerhed (NIS2)"
    ).click()
    expect(page.get_by_role("heading", name="IT- og Cybersikkerhed (NIS2)")).to_be_visible()
    answers = page.get_by_role("region", name="Svar på budgetspørgsmål om forslaget")
    expect(answers).to_contain_text("Hvorfor er udgiften til NIS2 højere i 2026")
    expect(answers).to_contain_text("I 2026 kommer engangsudgifter")
    revision = Question.objects.get(proposal__number="T105").answered_revision
    when = date_format(timezone.localtime(revision.created_at), "j. F Y")
    expect(answers).to_contain_text(f"Svar givet til version {revision.number} af {when}")
    # Only the released answer: T101's draft answer is not beside T101, nor here.
    expect(answers).not_to_contain_text("tre af dem er lovbundne")
    check_page(page)
