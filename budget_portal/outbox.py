"""The e-mail outbox: queue a message with the change that caused it; the worker sends it
and retries with a growing pause until it goes through."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from budget_portal.models import OutboxMessage

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 10


def queue_mail(to: list[str], subject: str, body: str) -> OutboxMessage | None:
    recipients = sorted({address for address in to if address})
    if not recipients:
        return None
    message = OutboxMessage.objects.create(to=recipients, subject=subject[:300], body=body)
    transaction.on_commit(_kick)
    return message


def _kick() -> None:
    from budget_portal.tasks import deliver_outbox

    deliver_outbox.enqueue()


def deliver_due(now=None) -> tuple[int, int]:
    """Send every due message once. Returns (sent, failed)."""
    now = now or timezone.now()
    sent = failed = 0
    due = OutboxMessage.objects.filter(sent_at__isnull=True, attempts__lt=MAX_ATTEMPTS).filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )
    for message in due.order_by("created_at")[:200]:
        try:
            send_mail(message.subject, message.body, None, message.to)
        except Exception as exc:  # any transport error: keep it and try again later
            message.attempts += 1
            message.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            message.next_attempt_at = now + timedelta(minutes=2**message.attempts)
            message.save(update_fields=["attempts", "last_error", "next_attempt_at"])
            logger.warning("mail %s failed (attempt %s): %s", message.pk, message.attempts, exc)
            failed += 1
        else:
            message.attempts += 1
            message.sent_at = now
            message.save(update_fields=["attempts", "sent_at"])
            sent += 1
    return sent, failed
