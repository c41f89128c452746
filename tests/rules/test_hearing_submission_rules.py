"""Rules of receiving a hearing response (hearings/services.py `submit_response`): a response
is stored once, only while the hearing is open, at most so many an hour from one connection
to one hearing, numbered without gaps per hearing, with its receipt in the outbox; and a file
whose response is not stored does not linger (found by mutation testing: no test pinned the
window of the hourly limit, the order of the checks or the files of a refused response)."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import QuerySet

from budget_portal.clients import client_hash
from budget_portal.models import OutboxMessage
from hearings.models import Response
from hearings.services import HearingClosed, Submission, TooManyResponses, submit_response
from tests.hearings.test_responding import pdf_bytes

pytestmark = pytest.mark.django_db

IP = "198.51.100.7"


def submission(text="Bevar hallen.", *, key=None, cards=(), attachment=None, **fields):
    values = {
        "name": "Karen Holm",
        "organisation": "",
        "email": "karen@example.dk",
        "consent": True,
        "name_verified": False,
    } | fields
    return Submission(
        text=text,
        cards=list(cards),
        attachment=attachment,
        submission_key=key or uuid.uuid4(),
        **values,
    )


def send(hearing, sub=None, *, ip=IP, now=None):
    return submit_response(hearing, sub or submission(), client_ip=ip, now=now)


def stored_files() -> list[str]:
    folders, _files = default_storage.listdir("")
    found = []
    for folder in folders:
        found += default_storage.listdir(folder)[1]
    return found


def test_rule_a_response_is_stored_as_sent_with_its_sender_counted_not_kept(hearing):
    card = hearing.cards.get()
    response, created = send(
        hearing,
        submission(
            "Bevar hallen.",
            cards=[card],
            organisation="Svømmeklubben",
            name_verified=True,
            consent=False,
        ),
    )
    assert created
    stored = Response.objects.get()
    assert stored == response
    assert (stored.name, stored.organisation, stored.email, stored.text) == (
        "Karen Holm",
        "Svømmeklubben",
        "karen@example.dk",
        "Bevar hallen.",
    )
    assert (stored.consent, stored.name_verified, stored.number) == (False, True, 1)
    assert stored.client_hash == client_hash(IP) != IP
    assert list(stored.cards.all()) == [card]


def test_rule_the_same_form_sent_again_gives_the_first_response_even_after_closing(
    hearing, settings
):
    settings.HEARING_RESPONSES_PER_HOUR = 1
    key = uuid.uuid4()
    first, created = send(hearing, submission(key=key))
    # Sent again later: over the hourly limit and after the deadline, it is still the one receipt.
    again, created_again = send(hearing, submission("Ændret tekst", key=key), now=hearing.closes_at)
    assert (created, created_again) == (True, False)
    assert again == first and again.text == "Bevar hallen."
    assert Response.objects.count() == 1
    assert OutboxMessage.objects.count() == 1


@pytest.mark.parametrize("moment", ["before", "at_close"])
def test_rule_a_hearing_not_open_refuses_and_stores_nothing(hearing, moment):
    now = hearing.opens_at - timedelta(seconds=1) if moment == "before" else hearing.closes_at
    with pytest.raises(HearingClosed) as refused:
        send(hearing, now=now)
    assert str(refused.value) == "Høringen er lukket. Der kan ikke længere afgives svar."
    assert not Response.objects.exists() and not OutboxMessage.objects.exists()


def test_rule_the_hourly_limit_counts_one_connection_s_last_hour_in_one_hearing(
    hearing, second_hearing, settings
):
    settings.HEARING_RESPONSES_PER_HOUR = 2
    send(hearing)
    send(hearing)
    with pytest.raises(TooManyResponses) as refused:
        send(hearing)
    assert str(refused.value) == (
        "Der er sendt mange svar fra din forbindelse den sidste time. Prøv igen senere."
    )
    assert Response.objects.filter(hearing=hearing).count() == 2
    # Another connection, or the same one to another hearing, is not held back.
    send(hearing, ip="203.0.113.9")
    send(second_hearing)
    # The window is the last hour, its first moment included: at exactly an hour after the
    # first response both still count, a second after the hour of the second neither does.
    mine = Response.objects.filter(hearing=hearing, client_hash=client_hash(IP))
    first, second = mine.order_by("created_at")
    with pytest.raises(TooManyResponses):
        send(hearing, now=first.created_at + timedelta(hours=1))
    send(hearing, now=second.created_at + timedelta(hours=1, seconds=1))
    assert Response.objects.filter(hearing=hearing).count() == 4


def test_rule_no_hourly_limit_when_it_is_set_to_zero(hearing, settings):
    settings.HEARING_RESPONSES_PER_HOUR = 0
    for _ in range(4):
        send(hearing)
    assert Response.objects.count() == 4


def test_rule_numbers_run_per_hearing_without_gaps(hearing, second_hearing, settings):
    settings.HEARING_RESPONSES_PER_HOUR = 0
    numbers = [send(h)[0].number for h in (hearing, hearing, second_hearing, hearing)]
    assert numbers == [1, 2, 1, 3]


def test_rule_the_receipt_goes_to_the_sender_with_the_hearing_s_title(hearing):
    response, _ = send(hearing, submission("Mit CPR-nummer er 010190-1234."))
    mail = OutboxMessage.objects.get()
    assert mail.to == ["karen@example.dk"]
    assert mail.subject == "Kvittering: dit høringssvar til Høring om effektiviseringskatalog"
    assert mail.about == response.mail_key
    assert "Dit svar har nr. 1" in mail.body
    assert "Mit CPR-nummer er XXXXXX-XXXX." in mail.body  # a mail never repeats a CPR number


def test_rule_the_file_keeps_the_name_it_was_sent_with(hearing):
    upload = SimpleUploadedFile("Høringssvar fra klubben.pdf", pdf_bytes(), "application/pdf")
    response, _ = send(hearing, submission(attachment=upload))
    assert response.attachment_name == "Høringssvar fra klubben.pdf"
    assert response.attachment.name and default_storage.exists(response.attachment.name)


def test_rule_a_refused_response_leaves_no_file(hearing, settings):
    settings.HEARING_RESPONSES_PER_HOUR = 1
    send(hearing)
    upload = SimpleUploadedFile("svar.pdf", pdf_bytes(), content_type="application/pdf")
    with pytest.raises(TooManyResponses):
        send(hearing, submission(attachment=upload))
    assert stored_files() == []


def test_rule_a_form_stored_by_a_parallel_request_gives_that_response_and_drops_the_file(
    hearing, monkeypatch
):
    """Two requests with the same form: both miss each other in the first check, the second
    insert breaks the unique key, and the second request answers with the first's response."""
    key = uuid.uuid4()
    first, _ = send(hearing, submission(key=key))
    real_first = QuerySet.first
    misses = []

    def miss_once(queryset):
        if not misses and queryset.model is Response:
            misses.append(1)
            return None
        return real_first(queryset)

    monkeypatch.setattr(QuerySet, "first", miss_once)
    upload = SimpleUploadedFile("svar.pdf", pdf_bytes(), content_type="application/pdf")
    again, created = send(hearing, submission(key=key, attachment=upload))
    assert misses == [1]
    assert (again, created) == (first, False)
    assert Response.objects.count() == 1
    assert stored_files() == []
