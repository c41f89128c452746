"""Rules of a sender's personal data in hearing responses (hearings/personal_data.py): what a
request for access hands over, word for word; what erasure blanks and which made PDFs and mails
go with it; when a hearing's retention ends; and what the audit log says of each (found by
mutation testing: the export's keys, the erased fields and the legacy receipts were not read)."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from audit.models import Action, AuditEvent
from budget_portal.models import OutboxMessage, Publication
from budget_portal.outbox import queue_mail
from hearings.models import Hearing, Response
from hearings.outputs import NOTE_PDF, RESPONSES_PDF
from hearings.personal_data import apply_retention, erase_for, export, export_for, look_up
from hearings.services import Submission, publish_response, receipt_subject, submit_response
from tests.factories import CycleFactory
from tests.hearings.test_responding import pdf_bytes

pytestmark = pytest.mark.django_db

KAREN = "karen@example.dk"


def send(hearing, email=KAREN, text="Bevar svømmehallen.", *, pdf=False) -> Response:
    attachment = SimpleUploadedFile("bilag.pdf", pdf_bytes()) if pdf else None
    cards = list(hearing.cards.all())
    submission = Submission(
        "Karen Hansen", "Svømmeklubben", email, text, True, cards, attachment, uuid.uuid4()
    )
    return submit_response(hearing, submission, client_ip="192.0.2.1")[0]


def made(hearing, kind: str, cycle=None) -> Publication:
    return Publication.objects.create(
        kind=kind,
        cycle=cycle or hearing.cycle,
        params={"hearing": hearing.slug},
        fingerprint=uuid.uuid4().hex,
        title="Lavet",
        state=Publication.State.DONE,
        file=ContentFile(b"%PDF-1.7", name="lavet.pdf"),
    )


def test_rule_a_request_for_access_hands_over_every_response_and_mail_word_for_word(hearing):
    response = send(hearing, pdf=True)
    Response.objects.filter(pk=response.pk).update(summary="Vil bevare hallen.", remark="Noteret.")
    about_her = queue_mail(
        ["sekretariat@kommune.dk"], "Om svaret", "Karen skrev", about=response.mail_key
    )
    OutboxMessage.objects.filter(pk=about_her.pk).update(sent_at=timezone.now())
    gone = send(hearing, text="Slettet svar")
    Response.objects.filter(pk=gone.pk).update(erased_at=timezone.now())
    response.refresh_from_db()
    data = export_for(" Karen@Example.dk ")
    assert data.pop("e-mail") == "Karen@Example.dk"
    handed_over = timezone.datetime.fromisoformat(data.pop("udleveret"))
    assert abs(handed_over - timezone.now()) < timedelta(minutes=1)
    mails = data.pop("mails")
    about_her.refresh_from_db()
    assert {
        "emne": about_her.subject,
        "oprettet": about_her.created_at.isoformat(),
        "sendt": about_her.sent_at.isoformat(),
        "tekst": "Karen skrev",
    } in mails
    receipt = next(m for m in mails if m["emne"] == receipt_subject(hearing))
    assert receipt["sendt"] is None
    (exported,) = data.pop("høringssvar")
    assert exported == {
        "høring": hearing.title,
        "nummer": response.number,
        "modtaget": response.created_at.isoformat(),
        "navn": "Karen Hansen",
        "organisation": "Svømmeklubben",
        "e-mail": KAREN,
        "tekst": "Bevar svømmehallen.",
        "offentliggjort tekst": "",
        "samtykke til offentliggørelse": True,
        "status": response.get_state_display(),
        "bilag": True,
        "bilagets filnavn": "bilag.pdf",
        "resumé i høringsnotatet": "Vil bevare hallen.",
        "administrationens bemærkning": "Noteret.",
        "forslag": ["R101"],
    }
    # what the other apps hold (subscriptions), each under its title; nothing else
    assert data == {"abonnement på nye høringer": []}


def test_rule_an_access_request_is_logged_as_a_lookup_and_the_file_as_an_export(hearing, finance):
    send(hearing)
    assert [r.email for r in look_up(KAREN, by=finance)] == [KAREN]
    export(KAREN, by=finance, path="/persondata/eksport/")
    lookups = AuditEvent.objects.filter(action=Action.PERSONAL_DATA, actor=finance)
    assert [e.details for e in lookups] == [{"opslag": True}, {"opslag": True}]
    exported = AuditEvent.objects.get(action=Action.EXPORTED)
    assert exported.actor == finance
    assert exported.details == {"hvad": "persondata (JSON)", "sti": "/persondata/eksport/"}


def test_rule_erasure_blanks_every_personal_field_and_rejects_a_published_response(
    hearing, finance
):
    response = send(hearing, pdf=True)
    Response.objects.filter(pk=response.pk).update(summary="Vil bevare hallen.")
    publish_response(response, by=finance)
    stored_file = Response.objects.get(pk=response.pk).attachment.name
    erasure = erase_for(" KAREN@example.dk ", by=finance)
    assert (erasure.responses, erasure.attachments) == (1, 1)
    erased = Response.objects.get(pk=response.pk)
    personal = (
        erased.name,
        erased.organisation,
        erased.email,
        erased.text,
        erased.published_text,
        erased.summary,
        erased.attachment_name,
        erased.client_hash,
        erased.attachment.name,
    )
    assert personal == ("",) * 9
    assert not default_storage.exists(stored_file)
    assert erased.state == Response.State.REJECTED
    assert erased.rejection_reason == "Slettet efter anmodning fra afsenderen."
    assert erased.erased_at is not None and erased.number == response.number


def test_rule_erasure_takes_the_made_pdfs_that_quote_the_response_and_no_others(
    hearing, second_hearing, finance
):
    """An unpublished response is in the høringsnotat, not in the public responses PDF."""
    send(hearing)
    responses_pdf, note = made(hearing, RESPONSES_PDF), made(hearing, NOTE_PDF)
    other_hearing = made(second_hearing, NOTE_PDF)
    same_slug_next_year = made(hearing, NOTE_PDF, cycle=CycleFactory(slug="testrup-2027"))
    erase_for(KAREN, by=finance)
    kept = set(Publication.objects.values_list("pk", flat=True))
    assert kept == {responses_pdf.pk, other_hearing.pk, same_slug_next_year.pk}
    assert not default_storage.exists(note.file.name)


def test_rule_erasure_takes_every_mail_to_the_sender_or_about_her_responses(hearing, finance):
    response = send(hearing)
    queue_mail(["sekretariat@kommune.dk"], "Om svaret", "Karen skrev", about=response.mail_key)
    queue_mail(["Karen@Example.dk", "ole@example.dk"], "Nyt", "x")
    queue_mail(["ole@example.dk"], "Andet", "x")
    erasure = erase_for(KAREN, by=finance)
    assert erasure.mails == 3  # her receipt, the mail about her response, her on a shared one
    assert list(OutboxMessage.objects.order_by("subject").values_list("subject", "to")) == [
        ("Andet", ["ole@example.dk"]),
        ("Nyt", ["ole@example.dk"]),
    ]
    event = AuditEvent.objects.get(action=Action.PERSONAL_DATA)
    assert (event.actor, event.details["høringssvar"], event.details["mails"]) == (finance, 1, 3)


def close(hearing, *, ended_ago: timedelta, retention_days: int = 30) -> None:
    now = timezone.now()
    Hearing.objects.filter(pk=hearing.pk).update(
        opens_at=now - timedelta(days=retention_days + 60),
        closes_at=now - timedelta(days=retention_days) - ended_ago,
        retention_days=retention_days,
    )


def test_rule_retention_ends_on_the_day_the_period_ends_and_is_logged_by_the_system(hearing):
    response = send(hearing)
    now = timezone.now()
    close(hearing, ended_ago=timedelta(0))
    Hearing.objects.filter(pk=hearing.pk).update(closes_at=now - timedelta(days=30))
    assert apply_retention(now) == 1
    assert Response.objects.get(pk=response.pk).email == ""
    event = AuditEvent.objects.get(action=Action.RETENTION)
    assert (event.actor, event.actor_name, event.details) == (None, "system", {"høringssvar": 1})
    assert apply_retention(now) == 0
    assert AuditEvent.objects.filter(action=Action.RETENTION).count() == 1


def test_rule_retention_takes_the_old_receipts_found_by_subject_and_the_sole_address(hearing):
    response = send(hearing)
    subject = receipt_subject(hearing)
    legacy = queue_mail(["Karen@Example.dk"], subject, "Tak for dit svar")  # no `about` yet
    queue_mail([KAREN, "ole@example.dk"], subject, "Til flere")
    queue_mail([KAREN], subject, "Om noget andet", about="subscriptions.subscription:3")
    queue_mail([KAREN], "Nyt fra høringen", "x")
    close(hearing, ended_ago=timedelta(days=1))
    assert apply_retention() == 1
    left = set(OutboxMessage.objects.values_list("body", flat=True))
    assert left == {"Til flere", "Om noget andet", "x"}
    assert not OutboxMessage.objects.filter(pk=legacy.pk).exists()
    assert Response.objects.get(pk=response.pk).erased_at is not None
