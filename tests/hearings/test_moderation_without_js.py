"""Moderation forms sit in `{% include ... only %}`: they must carry their own CSRF token,
or finance cannot publish with JavaScript off (htmx sends the token from <body>)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from hearings.models import Response
from tests.csrf_forms import tokens_in
from tests.hearings.test_moderation import respond


@pytest.fixture
def browser_client(db) -> Client:
    return Client(enforce_csrf_checks=True)


def test_finance_publishes_a_response_without_javascript(browser_client, hearing, finance):
    response = respond(hearing, "Bevar svømmehallen.")
    browser_client.force_login(finance)
    page = browser_client.get(reverse("hearings:moderation", args=[hearing.slug])).text
    action = reverse("hearings:moderate", args=[hearing.slug, response.pk, "offentliggoer"])
    [token] = tokens_in(page, action)
    posted = browser_client.post(
        action, {"csrfmiddlewaretoken": token, "published_text": "", "confirm": "on"}
    )
    assert posted.status_code == 302
    response.refresh_from_db()
    assert response.state == Response.State.PUBLISHED
