"""Security headers on every kind of page, full and htmx partial, and no inline code."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from proposals.models import Status
from tests.conftest import client_for
from tests.factories import make_card

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


@pytest.fixture
def card(finance, department_a, committee):
    return make_card(by=finance, department=department_a, committee=committee, number="T101",
                     status=Status.RELEASED)  # fmt: skip


def assert_strict_headers(response):
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "style-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]


@pytest.mark.parametrize("htmx", [False, True])
def test_public_pages_and_partials_carry_the_headers(client, card, cycle, htmx):
    headers = {"HX-Request": "true"} if htmx else {}
    for url in (
        reverse("home"),
        reverse("proposals:list", args=[cycle.slug]),
        card.get_absolute_url(),
        reverse("calendar", args=[cycle.slug]),
        reverse("hearings:list"),
        reverse("login"),
    ):
        response = client.get(url, headers=headers)
        assert response.status_code == 200, url
        assert_strict_headers(response)


def test_signed_in_pages_are_never_stored(client, card, finance):
    client_for(client, finance)
    for url in (card.get_absolute_url(), reverse("proposals:edit", args=[card.cycle.slug, "T101"])):
        response = client.get(url)
        assert "no-store" in response["Cache-Control"]
        assert_strict_headers(response)
    client.logout()
    assert "no-store" not in client.get(card.get_absolute_url()).get("Cache-Control", "")


def test_templates_have_no_inline_script_or_style():
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), path
        assert " style=" not in text, path
        assert "<style" not in text, path
        assert not re.search(r"\son[a-z]+=", text), path


def test_htmx_keeps_no_history_cache_and_runs_no_eval(client, db):
    """The back button after logout must not show a page from htmx's localStorage cache."""
    page = client.get(reverse("home")).text
    config = json.loads(re.search(r"name=\"htmx-config\" content='([^']+)'", page).group(1))
    assert config["historyCacheSize"] == 0
    assert config["allowEval"] is False and config["allowScriptTags"] is False


def test_a_refused_csrf_check_is_a_danish_page_in_the_sites_layout(db):
    browser = Client(enforce_csrf_checks=True)
    page = browser.post(reverse("login"), {"username": "olga", "password": "x"})
    assert page.status_code == 403
    text = page.content.decode()
    assert "Formularen kunne ikke sendes" in text
    assert "Genindlæs siden" in text and "cookies" in text
    assert "Høringer som RSS" in text  # the site's footer: the page is in the base layout
    assert "<style" not in text and " style=" not in text
    assert_strict_headers(page)


@pytest.mark.parametrize("ssl_redirect", [False, True])
def test_a_bad_host_header_gets_a_400_with_every_security_header(client, db, settings,
                                                                 ssl_redirect):  # fmt: skip
    # SecurityMiddleware asks for the host itself before redirecting to https: the refusal
    # then comes before any header-setting middleware has run.
    settings.SECURE_SSL_REDIRECT = ssl_redirect
    settings.SECURE_HSTS_SECONDS = 31536000
    response = client.get(reverse("home"), HTTP_HOST="angriber.example", secure=not ssl_redirect)
    assert response.status_code == 400
    assert "Forkert adresse" in response.content.decode()
    assert_strict_headers(response)
    if not ssl_redirect:
        assert response["Strict-Transport-Security"].startswith("max-age=31536000")
