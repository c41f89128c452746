"""Reading the subscription mails the way a citizen does: find the link, follow it."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from django.core import mail

from budget_portal.models import OutboxMessage

SIGN_UP = "/hoeringer/abonnement/"


def link(body: str, kind: str) -> str:
    """The path of the first /hoeringer/abonnement/<kind>/... link in a mail body."""
    match = re.search(rf"https?://\S+/hoeringer/abonnement/{kind}/\S+/", body)
    assert match, f"no {kind} link in:\n{body}"
    return urlsplit(match.group(0)).path


def sign_up(client, email: str, **extra):
    client.get(SIGN_UP)
    return client.post(SIGN_UP, {"email": email, "website": "", **extra})


def delivered_to(address: str) -> list:
    return [m for m in mail.outbox if m.to == [address]]


def queued_to(address: str) -> list[OutboxMessage]:
    return [m for m in OutboxMessage.objects.order_by("pk") if m.to == [address]]
