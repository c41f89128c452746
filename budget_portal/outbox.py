"""The e-mail outbox: queue a message with the change that caused it; the worker sends it
and retries with a growing pause until it goes through."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from itertools import islice

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from budget_portal.models import OutboxMessage

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 10


# Line breaks and other control characters: in a subject they would end the header (a
# "Bcc:" smuggled in through a hearing title); Django refuses such a subject at send time,
# so the mail would fail for ever. They become one space.
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]+")


def one_line(text: str) -> str:
    return _CONTROL.sub(" ", text).strip()


def _message(
    to: list[str], subject: str, body: str, headers: dict | None, about: str = ""
) -> OutboxMessage:
    recipients = sorted({address for address in to if address})
    headers = {one_line(k): one_line(v) for k, v in (headers or {}).items()}
    return OutboxMessage(
        to=recipients, subject=one_line(subject)[:300], body=body, headers=headers, about=about
    )


def queue_mail(
    to: list[str],
    subject: str,
    body: str,
    *,
    headers: dict[str, str] | None = None,
    about: str = "",
) -> OutboxMessage | None:
    """Queue one mail. ABOUT names the record whose personal data the body carries
    ("hearings.response:12"), so `forget()` can remove the mail when that record is erased."""
    message = _message(to, subject, body, headers, about)
    if not message.to:
        return None
    message.save()
    _kick_on_commit()
    return message


@dataclass(frozen=True)
class Mail:
    to: list[str]
    subject: str
    body: str
    headers: dict[str, str] | None = None


def queue_mails(mails: Iterable[Mail], *, batch_size: int = 500) -> int:
    """Queue many mails (one to each subscriber) with an INSERT per BATCH_SIZE, reading MAILS
    as it goes, so a long list is never all in memory. Returns how many were queued."""
    count = 0
    mails = iter(mails)
    while chunk := list(islice(mails, batch_size)):
        messages = [_message(m.to, m.subject, m.body, m.headers) for m in chunk]
        count += len(OutboxMessage.objects.bulk_create([m for m in messages if m.to]))
    if count:
        _kick_on_commit()
    return count


def _kick_on_commit() -> None:
    """One delivery task per transaction, however many mails it queues: the request that
    queues mail only stores rows and enqueues; the worker sends."""
    # A _kick registered inside the savepoints still open now runs whenever this one would
    # (neither is dropped unless one of those savepoints rolls back): one is enough.
    if connection.in_atomic_block:
        open_now = set(connection.savepoint_ids)
        if any(func is _kick and sids <= open_now for sids, func, _ in connection.run_on_commit):
            return
    transaction.on_commit(_kick)


def _kick() -> None:
    from budget_portal.tasks import deliver_outbox
    from budget_portal.worker import waiting

    # A delivery queued and not yet started will claim this mail too: _kick runs after the
    # commit, so that task starts after the row is there. 200 submissions a second then make
    # a handful of tasks, not 200 (each its own row, claim and worker round).
    if not waiting(deliver_outbox):
        deliver_outbox.enqueue()


def send_message(message: OutboxMessage) -> None:
    EmailMessage(
        message.subject, message.body, to=message.to, headers=message.headers or None
    ).send()


# How long a claimed message is left to the sender that claimed it before another may try.
CLAIM = timedelta(minutes=10)
# Messages claimed per statement, and sent per delivery at most.
CLAIM_BATCH = 50
DELIVERY_LIMIT = 200


def _due(now) -> Q:
    return Q(sent_at__isnull=True, attempts__lt=MAX_ATTEMPTS) & (
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )


def claim_due(now, limit: int = CLAIM_BATCH) -> list[OutboxMessage]:
    """Claim up to LIMIT due messages for this sender, oldest first, in one statement:
    `UPDATE ... WHERE id IN (SELECT ... LIMIT n FOR UPDATE SKIP LOCKED) RETURNING ...` moves
    them out of "due" for CLAIM and hands them over. On PostgreSQL a sender claiming at the
    same moment skips the rows this one has locked and takes others instead of waiting; SQLite
    runs one writing statement at a time, so the same statement without the lock clause
    cannot hand a row to two senders either."""
    due = OutboxMessage.objects.filter(_due(now)).order_by("created_at", "pk").values("pk")
    select, params = due[:limit].query.sql_with_params()
    if connection.vendor == "postgresql":
        select += " FOR UPDATE SKIP LOCKED"
    meta = OutboxMessage._meta
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in meta.concrete_fields)
    claim = (
        f"UPDATE {quote(meta.db_table)} SET {quote('next_attempt_at')} = %s "  # noqa: S608
        f"WHERE {quote(meta.pk.column)} IN ({select}) RETURNING {columns}"
    )
    # RawQuerySet turns the returned rows into messages with the fields' own converters (JSON).
    batch = OutboxMessage.objects.raw(claim, [now + CLAIM, *params])
    return sorted(batch, key=lambda m: (m.created_at, m.pk))  # RETURNING keeps no order


def deliver_due(now=None) -> tuple[int, int]:
    """Send every due message once. Returns (sent, failed).

    Deliveries may overlap (several workers, a timer beside the worker): messages are
    claimed in batches (claim_due) before they are sent, so only one sender ever sends one.
    """
    now = now or timezone.now()
    sent = failed = 0
    while sent + failed < DELIVERY_LIMIT:
        size = min(CLAIM_BATCH, DELIVERY_LIMIT - sent - failed)
        batch = claim_due(now, size)
        for message in batch:
            if _send(message, now):
                sent += 1
            else:
                failed += 1
        if len(batch) < size:  # nothing more was due: no empty claim to find that out
            break
    else:
        _follow_up()
    return sent, failed


def _follow_up() -> None:
    """Stopped at the limit with mail perhaps left: in a worker the next delivery goes on
    from here, so mail that _kick left to this one does not wait for the every-minute round.
    Run in the caller (the immediate backend), the limit is what bounds a request's work."""
    from budget_portal.tasks import deliver_outbox
    from budget_portal.worker import in_worker

    if in_worker(deliver_outbox):
        _kick()


def _send(message: OutboxMessage, now) -> bool:
    try:
        send_message(message)
    except Exception as exc:  # any transport error: keep it and try again later
        message.attempts += 1
        message.last_error = f"{type(exc).__name__}: {exc}"[:2000]
        message.next_attempt_at = now + timedelta(minutes=2**message.attempts)
        message.save(update_fields=["attempts", "last_error", "next_attempt_at"])
        logger.warning("mail %s failed (attempt %s): %s", message.pk, message.attempts, exc)
        return False
    message.attempts += 1
    message.sent_at = now
    message.save(update_fields=["attempts", "sent_at"])
    return True


def held_for(*, address: str = "", about: Iterable[str] = ()) -> list[OutboxMessage]:
    """The mails `forget()` would remove: for a person's request for access."""
    about = {key for key in about if key}
    address = address.strip().lower()
    return [
        m
        for m in OutboxMessage.objects.order_by("created_at")
        if m.about in about or address in [a.lower() for a in m.to]
    ]


@transaction.atomic
def forget(*, address: str = "", about: Iterable[str] = ()) -> int:
    """Erasure: remove every mail, sent or not, that carries the personal data of ABOUT
    records or goes to ADDRESS (any case). A mail to ADDRESS and others only loses ADDRESS.
    Returns how many mails were removed or stripped of the address."""
    about = [key for key in about if key]
    removed = 0
    if about:
        removed, _ = OutboxMessage.objects.filter(about__in=about).delete()
    address = address.strip().lower()
    if not address:
        return removed
    # JSON "contains" is not portable to SQLite: read the recipient lists, a few columns only.
    # (Read first, then change: no writes to the table while a cursor over it is open.)
    for pk, to in list(OutboxMessage.objects.values_list("pk", "to")):
        kept = [a for a in to if a.lower() != address]
        if len(kept) == len(to):
            continue
        if kept:
            OutboxMessage.objects.filter(pk=pk).update(to=kept)
        else:
            OutboxMessage.objects.filter(pk=pk).delete()
        removed += 1
    return removed


def purge_sent(now=None) -> int:
    """Sent mails hold addresses and texts: keep them OUTBOX_RETENTION_DAYS, for support."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.OUTBOX_RETENTION_DAYS)
    deleted, _ = OutboxMessage.objects.filter(sent_at__lt=cutoff).delete()
    return deleted
