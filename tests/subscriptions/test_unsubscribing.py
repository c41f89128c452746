"""Every mail to a subscriber carries a signed unsubscribe link and RFC 8058 headers; using
it deletes the address."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from subscriptions.models import Subscription
from subscriptions.services import unsubscribe_url
from tests.subscriptions.helpers import delivered_to, link, sign_up

pytestmark = pytest.mark.django_db


def _confirmed(email: str = "karen@example.dk") -> Subscription:
    return Subscription.objects.create(email=email, confirmed_at=timezone.now())


def _path(url: str) -> str:
    return url.split("127.0.0.1:8000", 1)[1]


def test_the_confirm_mail_carries_the_unsubscribe_link_and_headers(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, "karen@example.dk")
    [message] = delivered_to("karen@example.dk")
    path = link(message.body, "afmeld")
    assert message.extra_headers["List-Unsubscribe"] == f"<http://127.0.0.1:8000{path}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # The header lines really are in the message that goes out.
    raw = message.message().as_string()
    assert "List-Unsubscribe-Post: List-Unsubscribe=One-Click" in raw
    # Somebody else's address: the owner deletes it without ever confirming.
    client.post(path)
    assert not Subscription.objects.exists()


def test_get_shows_a_button_and_post_deletes_the_row(client, db):
    subscription = _confirmed()
    path = _path(unsubscribe_url(subscription.key))
    page = client.get(path)
    assert page.status_code == 200
    assert "Tryk på knappen for at afmelde karen@example.dk" in page.content.decode()
    assert Subscription.objects.filter(pk=subscription.pk).exists()

    done = client.post(path)
    assert done.status_code == 200
    assert "Du er afmeldt" in done.content.decode()
    assert not Subscription.objects.exists()

    again = client.get(path)
    assert "Du er ikke tilmeldt" in again.content.decode()


def test_one_click_post_from_a_mail_program_needs_no_cookie(db):
    subscription = _confirmed()
    mail_program = Client(enforce_csrf_checks=True)
    answer = mail_program.post(
        _path(unsubscribe_url(subscription.key)), {"List-Unsubscribe": "One-Click"}
    )
    assert answer.status_code == 200
    assert not Subscription.objects.exists()


def test_a_tampered_unsubscribe_link_is_refused(client, db):
    subscription = _confirmed()
    path = _path(unsubscribe_url(subscription.key))
    page = client.post(path.replace(subscription.key, subscription.key[::-1]))
    assert page.status_code == 400
    assert "Linket er ugyldigt" in page.content.decode()
    assert Subscription.objects.exists()
