"""Signing in through the municipality's identity provider in Chromium: a real OpenID Connect
provider (tests/sso/provider.mjs) on 127.0.0.1, four ways each (JavaScript on and off, 1280
and 390 px), from the front page by clicking, on the demo data."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from hearings.demo import NORDDJURS_HEARING
from hearings.models import Hearing, Response
from tests.browser.journey import HEARING, WAYS, check_page, go_to, open_menu
from tests.sso.conftest import live_idp, signing_key  # noqa: F401 - fixtures

pytestmark = pytest.mark.usefixtures("live_idp")
# The landing pages are the role journeys' own (test_journeys); here two ways suffice for
# them, the corners: JavaScript on at 1280 px and off at 390 px.
two_ways = pytest.mark.parametrize("journey", [WAYS[0], WAYS[3]], indirect=True, ids=str)


def provider_sign_in(page: Page, person: str) -> None:
    """At the provider's own sign-in page, as the person types there."""
    page.locator('input[name="login"]').fill(person)
    page.locator('input[name="password"]').fill("hvad-som-helst")
    page.locator('button[type="submit"]').click()


def staff_sign_in(page: Page, person: str) -> None:
    page.goto("/")
    open_menu(page)
    page.get_by_role("banner").get_by_role("link", name="Log ind").click()
    check_page(page)
    page.get_by_role("link", name="Log ind med kommunens login").click()
    provider_sign_in(page, person)
    expect(page.get_by_role("heading", name="Mine opgaver")).to_be_visible()
    check_page(page)


def test_finance_signs_in_with_the_municipal_login_and_out_of_both(journey: Page):
    page = journey
    staff_sign_in(page, "anna")
    expect(page.get_by_role("main")).to_contain_text("indsendt forslag venter")

    open_menu(page)
    expect(page.get_by_role("banner").get_by_text("Anna Andersen")).to_be_visible()
    page.get_by_role("button", name="Log ud").click()
    # The provider asks whether to end its session too, then sends the browser back.
    page.locator('button[name="logout"][value="yes"]').click()
    expect(page).to_have_url(re.compile(r"^http://localhost:\d+/$"))
    open_menu(page)
    expect(page.get_by_role("banner").get_by_role("link", name="Log ind")).to_be_visible()


@two_ways
def test_a_department_editor_lands_on_the_department_tasks(journey: Page):
    page = journey
    staff_sign_in(page, "bent")
    expect(
        page.get_by_role("main").get_by_role("link", name=re.compile("kladder i din afdeling"))
    ).to_be_visible()


@two_ways
def test_a_politician_lands_on_the_politicians_tasks(journey: Page):
    page = journey
    staff_sign_in(page, "pia")
    open_menu(page)
    expect(page.get_by_role("navigation", name="Hovedmenu")).to_contain_text("Læsesal")


@two_ways
def test_someone_without_a_role_gets_a_danish_answer(journey: Page):
    page = journey
    page.goto("/log-ind/")
    page.get_by_role("link", name="Log ind med kommunens login").click()
    provider_sign_in(page, "ulla")
    expect(page.get_by_role("heading", name="Ingen adgang til budgetportalen")).to_be_visible()
    check_page(page)


def test_a_citizen_answers_a_hearing_that_asks_for_mitid(journey: Page):
    Hearing.objects.filter(slug=NORDDJURS_HEARING).update(requires_mitid=True)
    page = journey
    page.goto("/")
    go_to(page, "Høringer")
    page.get_by_role("link", name=HEARING).click()
    check_page(page)
    page.get_by_role("link", name="Log ind med MitID").click()
    provider_sign_in(page, "borger")

    expect(page.get_by_label("Navn")).to_have_value("Bo Borgersen")
    expect(page.get_by_label("Navn")).to_be_disabled()
    check_page(page)
    page.get_by_label("E-mail").fill("bo@example.dk")
    page.get_by_label("Dit høringssvar").fill("Jeg er imod lukningen.")
    page.get_by_role("button", name="Send høringssvar").click()

    expect(page.get_by_role("heading", name="Tak for dit høringssvar")).to_be_visible()
    expect(page.get_by_text("Bo Borgersen (bekræftet med MitID)")).to_be_visible()
    check_page(page)
    assert Response.objects.get(email="bo@example.dk").name_verified
