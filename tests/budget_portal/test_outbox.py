"""The outbox keeps a mail until it is sent, and retries after a failure."""

from __future__ import annotations

from datetime import timedelta

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
