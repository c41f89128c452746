"""The outbox keeps a mail until it is sent, and retries after a failure."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from budget_portal.models import OutboxMessage
from budget_portal.outbox import deliver_due, queue_mail


def test_a_failed_send_is_kept_and_retried(db, settings):
    settings.EMAIL_BACKEND = "tests.mail_backends.DownBackend"
    queue_mail(["afdeling@kommune.dk"], "Spørgsmål 14 er fordelt", "Svarfrist 1. oktober.")
    assert deliver_due() == (0, 1)
    message = OutboxMessage.objects.get()
    assert message.sent_at is None
    assert message.attempts == 1
    assert "SMTPServerDisconnected" in message.last_error
    assert message.next_attempt_at > timezone.now()
    assert deliver_due() == (0, 0)  # not due yet: the pause grows with each attempt

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert deliver_due(now=timezone.now() + timedelta(minutes=3)) == (1, 0)
    message.refresh_from_db()
    assert message.sent_at is not None
    assert [m.subject for m in mail.outbox] == ["Spørgsmål 14 er fordelt"]
    assert deliver_due(now=timezone.now() + timedelta(days=1)) == (0, 0)  # never twice


def test_queued_mail_goes_out_after_commit(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        queue_mail(["politiker@kommune.dk", "", "politiker@kommune.dk"], "Svar frigivet", "x")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["politiker@kommune.dk"]


def test_send_outbox_command(db, capsys):
    queue_mail(["a@kommune.dk"], "Emne", "Tekst")
    call_command("send_outbox")
    assert "1 sendt, 0 mislykkedes" in capsys.readouterr().out


def test_overlapping_deliveries_send_each_mail_once(db, monkeypatch):
    """Two senders at once (two workers, or a timer beside the worker): a message is
    claimed before it is sent, so the second sender skips it."""
    from budget_portal import outbox

    queue_mail(["a@kommune.dk"], "Første", "x")
    queue_mail(["b@kommune.dk"], "Anden", "y")
    real_send = outbox.send_message
    nested = []
    started = []

    def send_while_another_delivers(*args, **kwargs):
        if not started:
            started.append(True)
            nested.append(deliver_due())  # a second delivery starts mid-way
        return real_send(*args, **kwargs)

    monkeypatch.setattr(outbox, "send_message", send_while_another_delivers)
    first = deliver_due()
    assert sorted(m.subject for m in mail.outbox) == ["Anden", "Første"]
    assert first[0] + nested[0][0] == 2


def test_headers_and_bulk_queueing_reach_the_mail(db, django_capture_on_commit_callbacks):
    from budget_portal.outbox import Mail, queue_mails

    with django_capture_on_commit_callbacks(execute=True):
        count = queue_mails(
            Mail([f"borger{i}@example.dk"], "Ny høring", "x", {"List-Unsubscribe": f"<{i}>"})
            for i in range(3)
        )
    assert count == 3
    assert sorted(m.extra_headers["List-Unsubscribe"] for m in mail.outbox) == ["<0>", "<1>", "<2>"]


def test_sent_mail_is_deleted_after_the_retention_period(db, settings):
    from budget_portal.outbox import purge_sent

    settings.OUTBOX_RETENTION_DAYS = 30
    old = queue_mail(["a@example.dk"], "Gammel", "x")
    new = queue_mail(["b@example.dk"], "Ny", "x")
    unsent = queue_mail(["c@example.dk"], "Venter", "x")
    OutboxMessage.objects.filter(pk=old.pk).update(sent_at=timezone.now() - timedelta(days=31))
    OutboxMessage.objects.filter(pk=new.pk).update(sent_at=timezone.now() - timedelta(days=29))
    assert purge_sent() == 1
    assert set(OutboxMessage.objects.values_list("pk", flat=True)) == {new.pk, unsent.pk}


def test_one_transaction_queues_one_delivery_however_many_mails(
    db, django_capture_on_commit_callbacks
):
    from budget_portal.outbox import Mail, queue_mails

    with django_capture_on_commit_callbacks() as callbacks:
        queue_mail(["a@kommune.dk"], "Første", "x")
        queue_mail(["b@kommune.dk"], "Anden", "y")
        queue_mails([Mail(["c@kommune.dk"], "Tredje", "z")])
    assert len(callbacks) == 1
    assert OutboxMessage.objects.count() == 3


def test_a_delivery_claims_its_batch_in_one_statement(db):
    """Claiming is one UPDATE ... RETURNING per batch (not a SELECT and an UPDATE, not one
    UPDATE per message); then one UPDATE per message sent (its sent_at)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for i in range(30):
        queue_mail([f"borger{i}@example.dk"], f"Mail {i}", "x")
    with CaptureQueriesContext(connection) as queries:
        assert deliver_due() == (30, 0)
    claims = [q["sql"] for q in queries if "RETURNING" in q["sql"]]
    assert len(claims) == 1  # a batch short of CLAIM_BATCH: nothing more was due
    assert claims[0].startswith("UPDATE")
    assert not any(q["sql"].startswith("SELECT") for q in queries)
    assert len(queries) == 1 + 30
    assert sorted(m.subject for m in mail.outbox) == sorted(f"Mail {i}" for i in range(30))


@pytest.mark.parametrize("queued", [12, 10])
def test_a_delivery_claims_batch_after_batch_until_none_is_left(db, monkeypatch, queued):
    from budget_portal import outbox

    monkeypatch.setattr(outbox, "CLAIM_BATCH", 5)
    for i in range(queued):
        queue_mail([f"borger{i}@example.dk"], f"Mail {i}", "x")
    assert deliver_due() == (queued, 0)
    assert sorted(m.subject for m in mail.outbox) == sorted(f"Mail {i}" for i in range(queued))
    assert not OutboxMessage.objects.filter(sent_at__isnull=True).exists()


def test_a_claim_takes_the_oldest_due_and_hides_them_from_the_next(db):
    from budget_portal.outbox import CLAIM, claim_due

    now = timezone.now()
    for i in range(5):
        queue_mail([f"borger{i}@example.dk"], f"Mail {i}", "x")
    later = queue_mail(["senere@example.dk"], "Senere", "x")
    OutboxMessage.objects.filter(pk=later.pk).update(next_attempt_at=now + timedelta(hours=1))
    first = claim_due(now, limit=3)
    assert [m.subject for m in first] == ["Mail 0", "Mail 1", "Mail 2"]
    assert [m.to for m in first] == [["borger0@example.dk"], ["borger1@example.dk"],
                                     ["borger2@example.dk"]]  # fmt: skip
    assert all(m.next_attempt_at == now + CLAIM for m in first)
    assert [m.subject for m in claim_due(now, limit=10)] == ["Mail 3", "Mail 4"]
    assert claim_due(now) == []
    # A claim whose sender died runs out: the message is due again after CLAIM.
    assert len(claim_due(now + CLAIM, limit=10)) == 5


@pytest.mark.django_db(transaction=True)
def test_a_claim_skips_rows_another_sender_holds_instead_of_waiting(settings):
    """PostgreSQL: while one sender's claim still holds its rows locked, another claims the
    rest at once (SKIP LOCKED), and never the held ones."""
    import threading

    from django.db import connection, transaction

    from budget_portal.outbox import claim_due

    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's (SQLite runs one writer at a time)")
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    for i in range(6):
        queue_mail([f"borger{i}@example.dk"], f"Mail {i}", "x")
    now = timezone.now()
    held, other = [], []
    locked, done = threading.Event(), threading.Event()

    def first_sender():
        try:
            with transaction.atomic():  # the claim's locks stay until this commits
                held.extend(m.subject for m in claim_due(now, limit=2))
                locked.set()
                done.wait(10)
        finally:
            connection.close()

    thread = threading.Thread(target=first_sender)
    thread.start()
    assert locked.wait(10)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '2s'")  # waiting would fail the test, not hang
        other = [m.subject for m in claim_due(now, limit=10)]
    finally:
        done.set()
        thread.join()
    assert held == ["Mail 0", "Mail 1"]
    assert other == ["Mail 2", "Mail 3", "Mail 4", "Mail 5"]


@pytest.mark.django_db(transaction=True)
def test_two_deliveries_at_once_send_each_mail_exactly_once(settings, monkeypatch):
    """Two workers claim at the same moment (PostgreSQL, two connections): SKIP LOCKED gives
    each its own messages; none is sent twice, none is left."""
    import time

    from budget_portal import outbox
    from tests.threads import at_once, skip_unless_separate_connections

    skip_unless_separate_connections()
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    for i in range(40):
        queue_mail([f"borger{i}@example.dk"], f"Mail {i}", "x")
    monkeypatch.setattr(outbox, "CLAIM_BATCH", 5)
    real_send = outbox.send_message

    def slow_send(message):
        time.sleep(0.01)  # a mail server that takes a moment: the claims interleave
        real_send(message)

    monkeypatch.setattr(outbox, "send_message", slow_send)
    assert mail.outbox == []  # queued only
    results = []
    at_once(lambda: results.append(deliver_due()), 2)
    subjects = sorted(m.subject for m in mail.outbox)
    assert subjects == sorted(f"Mail {i}" for i in range(40))
    assert sum(sent for sent, _failed in results) == 40
    assert all(sent > 0 for sent, _failed in results)  # both worked, side by side
    assert not OutboxMessage.objects.filter(sent_at__isnull=True).exists()
