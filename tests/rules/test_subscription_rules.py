"""Rules of the subscriptions to new hearings (subscriptions/services.py): the hourly limit per
connection, when a pending address gets a new link, what the confirm and announcement mails
say, what a bad link tells the reader, and that a hearing closing now is not news (found by
mutation testing: the limit's window and connection, the resend edge and the mail texts were
not pinned)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.core import signing

from budget_portal.models import OutboxMessage
from hearings.models import Hearing
from subscriptions import services
from subscriptions.models import HearingAnnouncement, SignupAttempt, Subscription
from subscriptions.services import (
    ATTEMPT_WINDOW,
    RESEND_AFTER,
    BadLink,
    TooManySignups,
    announce_hearing,
    confirm,
    confirm_token,
    subscribe,
    subscription_to_confirm,
)

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 9, 1, 8, 0, tzinfo=UTC)  # 10.00 in Copenhagen
HOME, CAFE = "192.0.2.1", "198.51.100.7"


def test_rule_the_hourly_limit_counts_one_connection_within_the_hour(settings):
    settings.SUBSCRIPTION_SIGNUPS_PER_HOUR = 2
    subscribe("a@example.dk", client_ip=HOME, now=NOW - ATTEMPT_WINDOW - timedelta(seconds=1))
    subscribe("b@example.dk", client_ip=HOME, now=NOW - ATTEMPT_WINDOW)
    subscribe("c@example.dk", client_ip=HOME, now=NOW)
    with pytest.raises(TooManySignups) as refused:
        subscribe("d@example.dk", client_ip=HOME, now=NOW)
    assert str(refused.value) == (
        "Der er sendt mange tilmeldinger fra din forbindelse den sidste time. Prøv igen senere."
    )
    subscribe("d@example.dk", client_ip=CAFE, now=NOW)  # another connection is not limited
    assert not Subscription.objects.filter(email="d@example.dk", requested_at__lt=NOW).exists()
    assert SignupAttempt.objects.filter(created_at=NOW).count() == 2


def test_rule_a_pending_address_gets_a_new_link_once_the_first_is_a_while_old():
    subscribe("a@example.dk", client_ip=HOME, now=NOW)
    assert Subscription.objects.get().requested_at == NOW
    subscribe("A@example.dk ", client_ip=HOME, now=NOW + RESEND_AFTER - timedelta(seconds=1))
    assert OutboxMessage.objects.count() == 1
    later = NOW + RESEND_AFTER
    subscribe("a@example.dk", client_ip=HOME, now=later)
    assert OutboxMessage.objects.count() == 2
    assert Subscription.objects.get().requested_at == later


def test_rule_the_confirm_mail_names_the_portal_the_link_and_when_it_expires(settings):
    settings.PORTAL_NAME = "Testrup Budget"
    subscribe("a@example.dk", client_ip=HOME, now=NOW)
    body = OutboxMessage.objects.get().body
    subscription = Subscription.objects.get()
    assert "Du har bedt om at få en mail fra Testrup Budget" in body
    # the link carries the time it was signed: read it back rather than sign it again
    link = re.search(r"/bekraeft/([^/\s]+)/", body)
    assert link and subscription_to_confirm(link.group(1)) == subscription
    assert "Linket virker i 7 dage, til 8. september 2026 kl. 10.00." in body
    assert services.unsubscribe_url(subscription.key) in body


def test_rule_a_bad_confirm_link_says_why_in_danish(monkeypatch):
    subscribe("a@example.dk", client_ip=HOME, now=NOW)
    subscription = Subscription.objects.get()
    token = confirm_token(subscription)
    with pytest.raises(BadLink) as broken:
        subscription_to_confirm(token[:-2] + "xx")
    assert str(broken.value) == (
        "Linket er ugyldigt. Kopiér hele linket fra mailen, eller tilmeld dig igen."
    )
    expired = signing.TimestampSigner(salt="subscriptions.confirm")
    monkeypatch.setattr(expired, "timestamp", lambda: signing.b62_encode(0))
    with pytest.raises(BadLink) as old:
        subscription_to_confirm(expired.sign(subscription.key))
    assert str(old.value) == (
        "Linket er udløbet: det virker i 7 dage. Tilmeld dig igen, så sender vi et nyt."
    )
    subscription.delete()
    with pytest.raises(BadLink) as gone:
        subscription_to_confirm(token)
    assert str(gone.value) == (
        "Tilmeldingen findes ikke længere. Tilmeld dig igen, så sender vi et nyt."
    )


def test_rule_confirming_confirms_that_subscription_only_and_only_once():
    subscribe("a@example.dk", client_ip=HOME, now=NOW)
    subscribe("b@example.dk", client_ip=HOME, now=NOW)
    first, other = Subscription.objects.order_by("email")
    confirm(first, now=NOW)
    confirm(first, now=NOW + timedelta(days=1))
    first.refresh_from_db()
    other.refresh_from_db()
    assert (first.confirmed_at, other.confirmed_at) == (NOW, None)


@pytest.fixture
def subscriber():
    subscribe("a@example.dk", client_ip=HOME, now=NOW)
    confirm(Subscription.objects.get(), now=NOW)
    OutboxMessage.objects.all().delete()


def open_hearing(cycle, closes_at) -> Hearing:
    return Hearing.objects.create(
        cycle=cycle,
        slug="ny",
        title="Høring om skolestruktur",
        opens_at=NOW - timedelta(days=1),
        closes_at=closes_at,
    )


def test_rule_a_hearing_closing_this_moment_is_not_news(cycle, subscriber):
    assert announce_hearing(open_hearing(cycle, closes_at=NOW), now=NOW) is None
    assert not HearingAnnouncement.objects.exists() and not OutboxMessage.objects.exists()


def test_rule_an_announcement_is_dated_and_names_the_portal(cycle, subscriber, settings):
    settings.PORTAL_NAME = "Testrup Budget"
    hearing = open_hearing(cycle, closes_at=NOW + timedelta(seconds=1))
    announcement = announce_hearing(hearing, now=NOW)
    stored = HearingAnnouncement.objects.get(pk=announcement.pk)
    assert (stored.announced_at, stored.recipients) == (NOW, 1)
    mail = OutboxMessage.objects.get()
    assert mail.subject == "Ny høring: Høring om skolestruktur"
    assert mail.body.startswith("Der er en ny høring på Testrup Budget:")
