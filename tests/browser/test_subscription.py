"""A citizen signs up for news of hearings, confirms from the mail and unsubscribes, in
Chromium, with an axe check of every page on the way."""

from __future__ import annotations

from playwright.sync_api import expect

from budget_portal.models import OutboxMessage
from subscriptions.models import Subscription
from tests.browser.conftest import assert_accessible
from tests.subscriptions.helpers import link


def test_citizen_signs_up_confirms_and_unsubscribes(page, transactional_db):
    page.goto("/hoeringer/")
    expect(page.get_by_role("heading", name="Få besked om nye høringer")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("E-mail").fill("ikke en adresse")
    page.get_by_role("button", name="Tilmeld").click()
    expect(page.get_by_text("Indtast en gyldig e-mail-adresse.")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("E-mail").fill("karen@example.dk")
    page.get_by_role("button", name="Tilmeld").click()
    expect(page.get_by_role("heading", name="Tjek din e-mail")).to_be_visible()
    assert_accessible(page)

    body = OutboxMessage.objects.get(to=["karen@example.dk"]).body
    page.goto(link(body, "bekraeft"))
    expect(page.get_by_role("button", name="Bekræft tilmelding")).to_be_visible()
    assert_accessible(page)
    assert not Subscription.objects.confirmed().exists()
    page.get_by_role("button", name="Bekræft tilmelding").click()
    expect(page.get_by_role("heading", name="Du er tilmeldt")).to_be_visible()
    assert Subscription.objects.confirmed().get().email == "karen@example.dk"

    page.goto(link(body, "afmeld"))
    assert_accessible(page)
    page.get_by_role("button", name="Afmeld").click()
    expect(page.get_by_role("heading", name="Du er afmeldt")).to_be_visible()
    assert not Subscription.objects.exists()
