"""Citizens sign up for news of hearings with double opt-in: a mail with a link, a button."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from django.core import signing
from django.utils import timezone

from subscriptions.models import Subscription
from subscriptions.services import confirm_url
from tests.clients import scripted_post
from tests.subscriptions.helpers import SIGN_UP, delivered_to, link, queued_to, sign_up

pytestmark = pytest.mark.django_db


def test_double_opt_in_through_the_outbox(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # the worker delivers the outbox
        answer = sign_up(client, "karen@example.dk")
    assert answer.status_code == 302
    assert "Tjek din e-mail" in client.get(answer["Location"]).content.decode()
    [message] = delivered_to("karen@example.dk")
    assert message.subject == "Bekræft, at du vil have besked om nye høringer"
    confirm = link(message.body, "bekraeft")
    assert not Subscription.objects.confirmed().exists()  # not subscribed before confirming

    page = client.get(confirm)  # what a link scanner does, too
    assert page.status_code == 200
    assert "Bekræft tilmelding" in page.content.decode()
    assert page["Referrer-Policy"] == "same-origin"  # the link stays on this site
    assert "no-store" in page["Cache-Control"]
    assert not Subscription.objects.confirmed().exists()

    done = client.post(confirm)
    assert done.status_code == 200
    assert "Du er tilmeldt" in done.content.decode()
    assert Subscription.objects.confirmed().get().email == "karen@example.dk"


def test_the_address_is_stored_in_lower_case_once(client):
    sign_up(client, "Karen.Borger@Example.DK")
    sign_up(client, "karen.borger@example.dk")
    assert list(Subscription.objects.values_list("email", flat=True)) == ["karen.borger@example.dk"]


def _answer(client, email: str) -> tuple[int, str]:
    answer = sign_up(client, email)
    return answer.status_code, answer["Location"]


def test_new_pending_and_confirmed_addresses_get_the_same_answer(client):
    now = timezone.now()
    Subscription.objects.create(email="venter@example.dk", requested_at=now)
    Subscription.objects.create(email="aktiv@example.dk", requested_at=now, confirmed_at=now)
    answers = {
        email: _answer(client, email)
        for email in ("ny@example.dk", "venter@example.dk", "aktiv@example.dk")
    }
    assert len(set(answers.values())) == 1, answers
    # Only the new address is mailed; the pending one was mailed a moment ago, and a
    # confirmed address is left alone.
    assert len(queued_to("ny@example.dk")) == 1
    assert queued_to("venter@example.dk") == []
    assert queued_to("aktiv@example.dk") == []


def test_a_pending_address_asked_again_later_gets_a_new_link(client):
    earlier = timezone.now() - timedelta(minutes=20)
    pending = Subscription.objects.create(email="venter@example.dk", requested_at=earlier)
    sign_up(client, "venter@example.dk")
    assert len(queued_to("venter@example.dk")) == 1
    pending.refresh_from_db()
    assert pending.requested_at > earlier


def _tampered(path: str) -> str:
    token = path.rstrip("/").rsplit("/", 1)[1]
    last = "A" if token[-1] != "A" else "B"
    return path.replace(token, token[:-1] + last)


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_tampered_link_is_refused_and_changes_nothing(client, method):
    sign_up(client, "karen@example.dk")
    path = _tampered(link(queued_to("karen@example.dk")[0].body, "bekraeft"))
    page = client.get(path) if method == "get" else scripted_post(client, path)
    assert page.status_code == 400
    assert "Linket er ugyldigt" in page.content.decode()
    assert not Subscription.objects.confirmed().exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_expired_link_is_refused_and_changes_nothing(db, client, monkeypatch, method):
    subscription = Subscription.objects.create(email="karen@example.dk")
    eight_days_ago = time.time() - 8 * 24 * 3600
    monkeypatch.setattr(signing.time, "time", lambda: eight_days_ago)
    old_link = confirm_url(subscription)
    monkeypatch.undo()
    path = old_link.split("127.0.0.1:8000", 1)[1]
    page = client.get(path) if method == "get" else scripted_post(client, path)
    assert page.status_code == 400
    text = page.content.decode()
    assert "Linket er udløbet" in text
    assert "Der er ikke ændret noget" in text
    assert not Subscription.objects.confirmed().exists()


def test_a_link_to_a_deleted_subscription_says_so(db, client):
    subscription = Subscription.objects.create(email="karen@example.dk")
    path = confirm_url(subscription).split("127.0.0.1:8000", 1)[1]
    subscription.delete()
    page = scripted_post(client, path)
    assert page.status_code == 400
    assert "Tilmeldingen findes ikke længere" in page.content.decode()


def test_honeypot_filled_pretends_success_and_stores_nothing(client):
    answer = sign_up(client, "robot@example.dk", website="http://spam.example")
    assert answer.status_code == 302
    assert answer["Location"] == "/hoeringer/abonnement/tjek-din-email/"
    assert not Subscription.objects.exists()
    assert queued_to("robot@example.dk") == []


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("karen\x00@example.dk", "Null-tegn er ikke tilladte."),
        ("k" * 250 + "@example.dk", "Denne værdi må højst have 254 tegn"),
        ("karen", "Indtast en gyldig e-mail-adresse."),
        ("", "Dette felt er påkrævet."),
    ],
)
def test_bad_addresses_are_refused_in_danish(client, email, message):
    page = sign_up(client, email)
    assert page.status_code == 200
    text = page.content.decode()
    assert message in text
    assert "Du er ikke tilmeldt" in text
    assert not Subscription.objects.exists()


def test_signups_per_connection_are_limited_per_hour(client, settings):
    settings.SUBSCRIPTION_SIGNUPS_PER_HOUR = 2
    sign_up(client, "a@example.dk")
    sign_up(client, "b@example.dk")
    page = sign_up(client, "c@example.dk")
    assert page.status_code == 200
    assert "mange tilmeldinger fra din forbindelse" in page.content.decode()
    assert sorted(Subscription.objects.values_list("email", flat=True)) == [
        "a@example.dk",
        "b@example.dk",
    ]


def test_the_form_is_on_the_hearings_page_and_its_own_page(client, db):
    for path in ("/hoeringer/", SIGN_UP):
        html = client.get(path).content.decode()
        assert 'action="/hoeringer/abonnement/"' in html
        assert '<label class="form-label" for="id_email">E-mail</label>' in html
        assert 'maxlength="254"' in html
        assert 'class="honeypot"' in html
