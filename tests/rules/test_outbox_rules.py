"""Rules of the e-mail outbox (budget_portal/outbox.py): what a queued mail keeps, when a
failed one is tried again and when never, how much one delivery sends, the oldest first, and
what erasing a person's data removes (found by mutation testing: `forget` and `held_for` had no
test of their own, and the retry pause and the delivery limit were not pinned)."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from budget_portal import outbox
from budget_portal.models import OutboxMessage
from budget_portal.outbox import (
    MAX_ATTEMPTS,
    Mail,
    claim_due,
    deliver_due,
    forget,
    held_for,
    queue_mail,
    queue_mails,
)

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 9, 1, 10, 0, tzinfo=UTC)


class Refused(Exception):
    pass


@pytest.fixture
def down(monkeypatch):
    """The mail server refuses every mail to an address starting with "nej"."""
    real = outbox.send_message

    def send(message):
        if message.to[0].startswith("nej"):
            raise Refused("550 " + "x" * 3000)
        real(message)

    monkeypatch.setattr(outbox, "send_message", send)


def test_rule_a_queued_mail_keeps_its_headers_and_a_subject_cut_to_its_column():
    message = queue_mail(["a@kommune.dk"], "E" * 400, "Tekst", headers={"List-Id": "høring"})
    stored = OutboxMessage.objects.get(pk=message.pk)
    assert stored.subject == "E" * 300
    assert stored.headers == {"List-Id": "høring"}
    assert stored.about == ""


def test_rule_many_mails_are_queued_in_batches_and_all_counted():
    mails = [Mail([f"m{i}@kommune.dk"], f"Nyt {i}", "x") for i in range(5)] + [
        Mail([], "Ingen", "x")
    ]
    assert queue_mails(mails, batch_size=2) == 5
    assert OutboxMessage.objects.count() == 5


def test_rule_a_mail_queued_beside_other_work_still_gets_its_delivery(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        transaction.on_commit(lambda: None)  # something else the transaction does afterwards
        queue_mail(["a@kommune.dk"], "Emne", "Tekst")
    assert outbox._kick in callbacks


def test_rule_a_failed_mail_waits_twice_as_long_after_each_attempt_and_says_why(down, caplog):
    message = queue_mail(["nej@kommune.dk"], "Emne", "Tekst")
    OutboxMessage.objects.filter(pk=message.pk).update(attempts=2)
    with caplog.at_level(logging.WARNING, logger="budget_portal.outbox"):
        assert deliver_due(NOW) == (0, 1)
    stored = OutboxMessage.objects.get(pk=message.pk)
    assert stored.attempts == 3
    assert stored.next_attempt_at == NOW + timedelta(minutes=8)
    assert stored.last_error == ("Refused: 550 " + "x" * 3000)[:2000]
    assert caplog.messages == [f"mail {message.pk} failed (attempt 3): 550 " + "x" * 3000]


def test_rule_a_sent_mail_counts_its_attempt():
    message = queue_mail(["a@kommune.dk"], "Emne", "Tekst")
    OutboxMessage.objects.filter(pk=message.pk).update(attempts=2)
    assert deliver_due(NOW) == (1, 0)
    stored = OutboxMessage.objects.get(pk=message.pk)
    assert (stored.attempts, stored.sent_at) == (3, NOW)


def test_rule_a_mail_is_given_up_after_the_last_attempt():
    message = queue_mail(["a@kommune.dk"], "Emne", "Tekst")
    OutboxMessage.objects.filter(pk=message.pk).update(attempts=MAX_ATTEMPTS)
    assert deliver_due(NOW) == (0, 0)
    OutboxMessage.objects.filter(pk=message.pk).update(attempts=MAX_ATTEMPTS - 1)
    assert deliver_due(NOW) == (1, 0)


def test_rule_one_delivery_sends_at_most_its_limit_failures_included(down, monkeypatch):
    monkeypatch.setattr(outbox, "DELIVERY_LIMIT", 5)
    monkeypatch.setattr(outbox, "CLAIM_BATCH", 2)
    for address in ["nej1@kommune.dk", "nej2@kommune.dk"] + [f"ja{i}@kommune.dk" for i in range(6)]:
        queue_mail([address], "Emne", "Tekst")
    assert deliver_due(NOW) == (3, 2)
    assert OutboxMessage.objects.filter(sent_at__isnull=True).count() == 5


DELIVERY = "budget_portal.tasks.deliver_outbox"


def deliveries(status: str) -> int:
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(task_path=DELIVERY, status=status).count()


# Each mail its own committed transaction, as each submission is.
@pytest.mark.django_db(transaction=True)
def test_rule_mail_queued_while_a_delivery_waits_joins_it(database_tasks):
    """A delivery queued and not started yet will claim later mail too: no second task. Once
    it runs (or waits for a later time) it may have claimed already, so the next mail gets
    its own."""
    from django_tasks_db.models import DBTaskResult

    for n in range(3):
        queue_mail([f"{n}@kommune.dk"], "Kvittering", "x")
    assert deliveries("READY") == 1

    DBTaskResult.objects.filter(task_path=DELIVERY).update(status="RUNNING")
    queue_mail(["sen@kommune.dk"], "Kvittering", "x")
    assert (deliveries("RUNNING"), deliveries("READY")) == (1, 1)

    DBTaskResult.objects.filter(task_path=DELIVERY, status="READY").update(
        run_after=timezone.now() + timedelta(hours=1)
    )
    queue_mail(["senere@kommune.dk"], "Kvittering", "x")
    assert deliveries("READY") == 2


def test_rule_a_delivery_stopped_at_its_limit_queues_the_next_in_the_worker(
    database_tasks, monkeypatch
):
    monkeypatch.setattr(outbox, "DELIVERY_LIMIT", 2)
    for n in range(3):
        queue_mail([f"{n}@kommune.dk"], "Emne", "x")  # no commit here: no delivery queued
    assert deliver_due(NOW) == (2, 0)
    assert deliveries("READY") == 1
    assert deliver_due(NOW) == (1, 0)  # the rest, below the limit: nothing more queued
    assert deliveries("READY") == 1


def test_rule_a_delivery_run_in_the_request_stops_at_its_limit(monkeypatch, settings):
    """With the immediate backend the follow-up would run in the same request, unbounded."""
    sent = []
    monkeypatch.setattr(outbox, "send_message", sent.append)
    monkeypatch.setattr(outbox, "DELIVERY_LIMIT", 2)
    for n in range(3):
        queue_mail([f"{n}@kommune.dk"], "Emne", "x")
    assert deliver_due(NOW) == (2, 0)
    assert len(sent) == 2


def test_rule_the_oldest_mail_is_claimed_first_and_same_time_by_queue_order():
    first, second, third = (queue_mail([f"{n}@kommune.dk"], n, "x") for n in ("a", "b", "c"))
    OutboxMessage.objects.filter(pk=first.pk).update(created_at=NOW)
    OutboxMessage.objects.filter(pk__in=[second.pk, third.pk]).update(
        created_at=NOW - timedelta(hours=1)
    )
    assert [m.subject for m in claim_due(NOW, 2)] == ["b", "c"]
    assert [m.subject for m in claim_due(NOW, 2)] == ["a"]


@pytest.fixture
def held():
    """Three mails: a receipt about response 7, one to Ida alone, one to Ida and Ole."""
    receipt = queue_mail(["kim@example.dk"], "Kvittering", "x", about="hearings.response:7")
    alone = queue_mail(["Ida@Example.dk"], "Nyt", "x")
    shared = queue_mail(["ole@example.dk", "ida@example.dk"], "Nyt til flere", "x")
    OutboxMessage.objects.filter(pk=receipt.pk).update(created_at=NOW)
    OutboxMessage.objects.filter(pk=alone.pk).update(created_at=NOW - timedelta(days=2))
    OutboxMessage.objects.filter(pk=shared.pk).update(created_at=NOW - timedelta(days=1))
    return receipt, alone, shared


def test_rule_a_request_for_access_shows_the_mails_about_the_person_oldest_first(held):
    receipt, alone, shared = held
    found = held_for(address=" IDA@example.dk ", about=["hearings.response:7", ""])
    assert [m.pk for m in found] == [alone.pk, shared.pk, receipt.pk]
    assert [m.pk for m in held_for(about=["hearings.response:7"])] == [receipt.pk]
    assert held_for(address="ole@example.dk") == [shared]
    assert held_for() == []


def test_rule_erasure_removes_the_persons_mails_and_only_their_address_from_shared_ones(held):
    receipt, alone, shared = held
    assert forget(address=" IDA@example.dk ", about=["hearings.response:7"]) == 3
    assert list(OutboxMessage.objects.values_list("pk", "to")) == [(shared.pk, ["ole@example.dk"])]


def test_rule_erasure_by_record_alone_or_by_address_alone(held):
    receipt, alone, shared = held
    assert forget(about=["hearings.response:7", ""]) == 1
    assert forget(address="nobody@example.dk") == 0
    assert forget() == 0
    assert sorted(OutboxMessage.objects.values_list("pk", flat=True)) == sorted(
        [alone.pk, shared.pk]
    )
    assert forget(address="ida@example.dk") == 2
    assert list(OutboxMessage.objects.values_list("to", flat=True)) == [["ole@example.dk"]]
