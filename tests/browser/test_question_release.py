"""Finance releases an answer only after confirming, with JavaScript (htmx fragment) and
without it (a confirm page)."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

from politics.models import Question
from politics.questions import answer_question, ask_question, assign_question
from tests.browser.conftest import assert_accessible, log_in


@pytest.fixture
def answered(transactional_db, cycle, politician_a, finance, department_a, editor_a):
    q = ask_question(cycle, by=politician_a, text="Hvad koster det?")
    assign_question(q, by=finance, department=department_a, deadline=date(2026, 10, 1))
    return answer_question(q, by=editor_a, answer="Det koster 1,2 mio. kr.")


def _release(page, answered, *, axe: bool = True) -> None:
    page.goto(answered.get_absolute_url())
    page.get_by_role("button", name="Godkend og frigiv svaret").click()
    expect(
        page.get_by_text("Er du sikker på, at du vil frigive svaret på spørgsmål 1?")
    ).to_be_visible()
    assert Question.objects.get(pk=answered.pk).state == "besvaret"
    if axe:  # axe runs as a script in the page
        assert_accessible(page)
    page.get_by_role("button", name="Ja, frigiv svaret").click()
    expect(page.get_by_text("Svaret er frigivet til alle politikere.")).to_be_visible()
    assert Question.objects.get(pk=answered.pk).state == "frigivet"


def test_finance_confirms_a_release_with_htmx(page, answered, finance):
    log_in(page, finance.username)
    _release(page, answered)


def test_finance_confirms_a_release_without_javascript(browser, live_server, answered, finance):
    context = browser.new_context(base_url=live_server.url, locale="da-DK",
                                  java_script_enabled=False)  # fmt: skip
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        log_in(page, finance.username)
        _release(page, answered, axe=False)
    finally:
        context.close()
