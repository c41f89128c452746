"""After logging out on a shared PC, the back button shows nothing that needed a login."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from hearings.models import Hearing
from hearings.services import Submission, submit_response
from tests.browser.conftest import log_in


@pytest.fixture
def response(transactional_db, cycle):
    hearing = Hearing.objects.create(
        cycle=cycle, slug="h", title="Høring om svømmehallen",
        opens_at=timezone.now() - timedelta(days=1), closes_at=timezone.now() + timedelta(days=1),
    )  # fmt: skip
    submission = Submission("Karen Fortrolig", "", "karen@example.dk", "Mit svar", True, [],
                            None, uuid.uuid4())  # fmt: skip
    return submit_response(hearing, submission, client_ip="192.0.2.1")[0]


@pytest.mark.parametrize("javascript", [True, False])
def test_the_back_button_after_logout_shows_no_signed_in_page(
    browser, live_server, finance, response, javascript
):
    context = browser.new_context(
        base_url=live_server.url, locale="da-DK", java_script_enabled=javascript
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        log_in(page, finance.username)
        page.goto("/hoeringer/persondata/?email=karen%40example.dk")
        expect(page.get_by_role("cell", name="Karen Fortrolig")).to_be_visible()

        page.get_by_role("button", name="Log ud").click()
        page.wait_for_load_state()
        page.go_back()
        page.wait_for_load_state()
        assert "Karen Fortrolig" not in page.content()
        expect(page.get_by_label("Adgangskode")).to_be_visible()  # asked to log in again
        page.go_back()
        page.wait_for_load_state()
        assert "Karen Fortrolig" not in page.content()
    finally:
        context.close()
