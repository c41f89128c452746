"""A signed-in session ends after 10 hours whatever happens in it, and at logout; the error
page carries the same security headers as every other page, however early the fault."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.budget_portal.test_headers import assert_strict_headers

PASSWORD = "en-lang-og-god-adgangskode-7"


@pytest.fixture
def signed_in(client, finance):
    finance.set_password(PASSWORD)
    finance.save()
    client.get(reverse("login"))
    answer = client.post(reverse("login"), {"username": finance.username, "password": PASSWORD})
    assert answer.status_code == 302
    return client


def in_hours(monkeypatch, hours: float) -> None:
    later = timezone.now() + timedelta(hours=hours)
    monkeypatch.setattr("django.utils.timezone.now", lambda: later)


def test_a_session_is_refused_after_ten_hours(signed_in, monkeypatch):
    personal = reverse("hearings:personal_data")
    in_hours(monkeypatch, 9.9)
    assert signed_in.get(personal).status_code == 200
    in_hours(monkeypatch, 10.1)
    assert signed_in.get(personal).status_code == 302  # to the login page


def test_the_session_cookie_goes_when_the_browser_closes(signed_in):
    cookie = signed_in.cookies["sessionid"]
    assert cookie["httponly"] and not cookie["max-age"] and not cookie["expires"]


def test_a_session_cookie_is_worthless_after_logout(client, signed_in):
    stolen = signed_in.cookies["sessionid"].value
    signed_in.get(reverse("home"))
    signed_in.post(reverse("logout"))
    client.cookies["sessionid"] = stolen
    assert client.get(reverse("hearings:personal_data")).status_code == 302


def test_the_error_page_from_a_view_has_the_security_headers(client, db, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("noget gik galt")

    monkeypatch.setattr("budget_portal.views.render", broken)
    client.raise_request_exception = False
    page = client.get("/")
    assert page.status_code == 500 and "Der skete en fejl" in page.text
    assert_strict_headers(page)


def test_the_error_page_has_the_security_headers_when_a_middleware_fails(client, db, monkeypatch):
    # A fault before the inner middleware (CSP, frame options) gets to the answer: the
    # session store away, say.
    def broken(self, request):
        raise RuntimeError("sessionslageret svarer ikke")

    monkeypatch.setattr(
        "django.contrib.sessions.middleware.SessionMiddleware.process_request", broken
    )
    client.raise_request_exception = False
    page = client.get("/")
    assert page.status_code == 500 and "Der skete en fejl" in page.text
    assert_strict_headers(page)
    assert "no-store" in page["Cache-Control"]
