"""Unconfirmed addresses are deleted when their link expires; attempts after an hour."""

from __future__ import annotations

from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

from subscriptions.models import SignupAttempt, Subscription
from subscriptions.tasks import purge_subscriptions


def test_expired_unconfirmed_addresses_and_old_attempts_are_deleted(db, capsys):
    now = timezone.now()
    Subscription.objects.create(email="udloebet@example.dk", requested_at=now - timedelta(days=8))
    Subscription.objects.create(email="frisk@example.dk", requested_at=now - timedelta(days=6))
    Subscription.objects.create(
        email="aktiv@example.dk", requested_at=now - timedelta(days=400), confirmed_at=now
    )
    SignupAttempt.objects.create(client_hash="a" * 64, created_at=now - timedelta(hours=2))
    SignupAttempt.objects.create(client_hash="b" * 64, created_at=now - timedelta(minutes=5))

    call_command("purge_subscriptions")

    assert "1 ubekræftede tilmeldinger og 1 tilmeldingsforsøg slettet." in capsys.readouterr().out
    assert sorted(Subscription.objects.values_list("email", flat=True)) == [
        "aktiv@example.dk",
        "frisk@example.dk",
    ]
    assert SignupAttempt.objects.get().client_hash == "b" * 64


def test_the_worker_purges_every_hour(db):
    from budget_portal.schedule import SCHEDULE

    assert "subscriptions.tasks.purge_subscriptions" in SCHEDULE

    Subscription.objects.create(
        email="udloebet@example.dk", requested_at=timezone.now() - timedelta(days=8)
    )
    purge_subscriptions.enqueue()
    assert not Subscription.objects.exists()
