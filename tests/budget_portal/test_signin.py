"""Sign-in: throttling, the same answer for every username, password reset, sessions."""

from __future__ import annotations

import re
from datetime import timedelta
from unittest import mock

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.hashers import MD5PasswordHasher
from django.contrib.sessions.models import Session
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from budget_portal.models import OutboxMessage
from tests.factories import UserFactory

PASSWORD = "rigtig-kode-2026"


@pytest.fixture
def olga(db):
    user = UserFactory(username="olga", email="olga@kommune.dk", roles=["okonomi"])
    user.set_password(PASSWORD)
    user.save()
    return user


def page(response) -> str:
    """The page without its CSRF token, which differs on every answer."""
    return re.sub(r"[A-Za-z0-9]{64}", "TOKEN", response.text)


def login(client, username, password, ip="10.0.0.1"):
    client.get(reverse("login"), REMOTE_ADDR=ip)
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def test_right_password_signs_in(client, olga):
    assert login(client, "olga", PASSWORD).status_code == 302
    assert client.get(reverse("home")).wsgi_request.user == olga


def test_five_failures_lock_the_username_from_that_address(client, olga):
    for _ in range(4):
        assert login(client, "olga", "forkert").status_code == 200
    # The fifth failure is answered with the lock, and so is the right password after it.
    assert login(client, "olga", "forkert").status_code == 429
    locked = login(client, "olga", PASSWORD)
    assert locked.status_code == 429
    assert "for mange mislykkede forsøg" in locked.text
    assert "Vent 15 minutter" in locked.text
    assert not locked.wsgi_request.user.is_authenticated
    # Another address, and another username from the first address, are not locked.
    assert login(client, "olga", PASSWORD, ip="10.0.0.2").status_code == 302


def test_the_lock_ends_after_fifteen_minutes(client, olga):
    for _ in range(5):
        login(client, "olga", "forkert")
    assert login(client, "olga", PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=16))
    assert login(client, "olga", PASSWORD).status_code == 302


def test_one_address_cannot_try_many_usernames(client, olga, settings):
    settings.LOGIN_FAILURES_PER_IP = 8
    for n in range(7):
        assert login(client, f"bruger{n}", "forkert").status_code == 200
    assert login(client, "bruger7", "forkert").status_code == 429
    # Even the right password for a username never tried from here is refused now.
    assert login(client, "olga", PASSWORD).status_code == 429
    assert login(client, "olga", PASSWORD, ip="10.0.0.9").status_code == 302


def test_unknown_and_known_usernames_get_the_same_answer_and_work(client, olga):
    calls = []
    original = MD5PasswordHasher.encode

    def counting(self, password, salt):
        calls.append(password)
        return original(self, password, salt)

    with mock.patch.object(MD5PasswordHasher, "encode", counting):
        known = login(client, "olga", "forkert", ip="10.0.1.1")
        known_hashes = len(calls)
        unknown = login(client, "findes-ikke", "forkert", ip="10.0.1.2")
    # A password is hashed for an unknown username too, so timing does not tell them apart.
    assert known_hashes == 1 and len(calls) == 2
    assert known.status_code == unknown.status_code == 200
    assert known.context["form"].non_field_errors() == unknown.context["form"].non_field_errors()
    for _ in range(5):
        a = login(client, "olga", "forkert", ip="10.0.2.1")
        b = login(client, "findes-ikke", "forkert", ip="10.0.2.2")
    assert a.status_code == b.status_code == 429
    assert page(a).replace("olga", "") == page(b).replace("findes-ikke", "")


def test_forwarded_for_is_ignored_unless_a_proxy_is_trusted(client, olga, settings):
    def attempt(password, remote, forwarded):
        credentials = {"username": "olga", "password": password}
        client.get(reverse("login"))
        return client.post(reverse("login"), credentials,
                           REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)  # fmt: skip

    # A client cannot dodge the lock by writing a new X-Forwarded-For each time.
    for n in range(5):
        attempt("x", "10.0.0.1", f"192.0.2.{n}")
    assert login(client, "olga", PASSWORD).status_code == 429
    # Behind one trusted proxy, the address that proxy saw is the client.
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(5):
        attempt("x", "10.9.9.9", "1.1.1.1, 198.51.100.7")
    assert attempt(PASSWORD, "10.9.9.8", "2.2.2.2, 198.51.100.7").status_code == 429


def test_password_reset_link_ignores_a_forged_host(client, olga, settings):
    settings.ALLOWED_HOSTS = ["*"]
    settings.SITE_URL = "https://budget.kommune.dk"
    client.get(reverse("password_reset"))
    page = client.post(reverse("password_reset"), {"email": "olga@kommune.dk"},
                       HTTP_HOST="angriber.example")  # fmt: skip
    assert page.status_code == 302
    mail = OutboxMessage.objects.get()
    assert mail.to == ["olga@kommune.dk"]
    assert "https://budget.kommune.dk/adgangskode/ny/" in mail.body
    assert "angriber" not in mail.body


def test_password_reset_says_the_same_for_an_unknown_address(client, olga):
    client.get(reverse("password_reset"))
    known = client.post(reverse("password_reset"), {"email": "olga@kommune.dk"}, follow=True)
    client.get(reverse("password_reset"))
    unknown = client.post(reverse("password_reset"), {"email": "nogen@andet.dk"}, follow=True)
    assert page(known) == page(unknown)
    assert "Tjek din e-mail" in known.text
    assert OutboxMessage.objects.count() == 1


def test_reset_link_sets_a_new_password_once(client, olga, settings):
    client.get(reverse("password_reset"))
    client.post(reverse("password_reset"), {"email": "olga@kommune.dk"})
    link = next(w for w in OutboxMessage.objects.get().body.split() if "/adgangskode/ny/" in w)
    path = link.split("://", 1)[1].split("/", 1)[1]
    form = client.get("/" + path, follow=True)
    new = "helt-ny-kode-2027"
    done = client.post(form.redirect_chain[-1][0],
                       {"new_password1": new, "new_password2": new}, follow=True)  # fmt: skip
    assert "Adgangskoden er skiftet" in done.text
    olga.refresh_from_db()
    assert olga.check_password(new)
    assert "Linket er brugt eller udløbet" in client.get("/" + path, follow=True).text


def test_logout_ends_the_session_and_the_back_button_shows_nothing(client, olga, seed_cards):
    login(client, "olga", PASSWORD)
    key = client.session.session_key
    edit = reverse("proposals:edit", args=[seed_cards["T101"].cycle.slug, "T101"])
    assert "no-store" in client.get(edit)["Cache-Control"]
    client.post(reverse("logout"))
    assert not Session.objects.filter(session_key=key).exists()
    again = client.get(edit)
    assert again.status_code == 302 and reverse("login") in again["Location"]


def test_session_cookie_ends_with_the_browser_and_the_session_after_a_working_day(client, olga):
    response = login(client, "olga", PASSWORD)
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert not cookie["max-age"] and not cookie["expires"]
    session = Session.objects.get(session_key=cookie.value)
    assert timedelta(hours=9) < session.expire_date - timezone.now() <= timedelta(hours=10)
    with mock.patch("django.utils.timezone.now", return_value=timezone.now() + timedelta(hours=11)):
        assert not client.get(reverse("home")).wsgi_request.user.is_authenticated
