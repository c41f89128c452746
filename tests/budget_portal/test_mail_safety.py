"""Hostile text in mails: subjects stay one header line whatever a title or name holds, and
bodies are plain text that shows what was typed (no HTML part to run anything in)."""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from budget_portal.outbox import deliver_due, queue_mail
from hearings.models import Hearing
from hearings.services import Submission, submit_response
from subscriptions.models import Subscription

SCRIPT = "<script>alert('x')</script>"
INJECTED = "Svømmehal\r\nBcc: ondt@example.dk\r\n\r\n<b>falsk tekst</b>"


def sent() -> list:
    deliver_due()
    return mail.outbox


def assert_plain_and_single_line(message) -> None:
    assert message.content_subtype == "plain" and not getattr(message, "alternatives", None)
    assert "\r" not in message.subject and "\n" not in message.subject
    assert message.bcc == [] and "ondt@example.dk" not in message.recipients()
    head = message.message().as_bytes().split(b"\n\n", 1)[0]
    assert b"\nBcc:" not in head and b"\rBcc:" not in head


def test_a_receipt_for_a_hearing_with_a_line_break_in_its_title_is_sent_as_one_subject(cycle):
    hearing = Hearing.objects.create(
        cycle=cycle, slug="h", title=INJECTED,
        opens_at=timezone.now() - timedelta(days=1), closes_at=timezone.now() + timedelta(days=1),
    )  # fmt: skip
    submission = Submission(SCRIPT, "", "karen@example.dk", SCRIPT + "\nMit svar", True, [], None,
                            uuid.uuid4())  # fmt: skip
    submit_response(hearing, submission, client_ip="192.0.2.1")

    [receipt] = sent()
    assert receipt.to == ["karen@example.dk"]
    assert receipt.subject == "Kvittering: dit høringssvar til Svømmehal Bcc: ondt@example.dk "\
        "<b>falsk tekst</b>"  # fmt: skip
    assert_plain_and_single_line(receipt)
    # Plain text: the name and text as typed, not HTML-escaped, and nothing to render.
    assert f"Kære {SCRIPT}" in receipt.body and SCRIPT + "\nMit svar" in receipt.body


def test_news_of_a_hearing_goes_out_with_its_title_on_one_line(cycle):
    Subscription.objects.create(email="borger@example.dk", confirmed_at=timezone.now())
    Hearing.objects.create(
        cycle=cycle, slug="ny", title=INJECTED,
        opens_at=timezone.now() - timedelta(days=1), closes_at=timezone.now() + timedelta(days=1),
    )  # fmt: skip
    [news] = sent()
    assert_plain_and_single_line(news)
    assert news.subject.startswith("Ny høring: Svømmehal Bcc:")
    assert "<b>falsk tekst</b>" in news.body and "&lt;" not in news.body
    assert all("\n" not in v and "\r" not in v for v in news.extra_headers.values())


def test_a_question_assigned_to_a_department_with_a_line_break_in_its_name(
    cycle, department_a, politician_a, finance, editor_a
):
    from politics.questions import ask_question, assign_question

    department_a.name = "Kultur\nBcc: ondt@example.dk"
    department_a.save()
    editor_a.email = "redaktoer@example.dk"
    editor_a.save()
    question = ask_question(cycle, by=politician_a, text=SCRIPT)
    assign_question(question, by=finance, department=department_a,
                    deadline=timezone.now().date())  # fmt: skip
    [notice] = sent()
    assert_plain_and_single_line(notice)
    assert SCRIPT in notice.body


def test_password_reset_mail_for_a_user_with_markup_in_the_name(client, db, django_user_model):
    django_user_model.objects.create_user(
        "anna", "anna@example.dk", "hemmelig-kode-123", first_name=SCRIPT, last_name="\r\nBcc: x"
    )
    page = client.get(reverse("password_reset"))
    assert page.status_code == 200
    client.post(reverse("password_reset"), {"email": "anna@example.dk"})
    [reset] = sent()
    assert_plain_and_single_line(reset)
    assert SCRIPT in reset.body


def test_subjects_and_headers_are_one_line_whoever_queues_them(db):
    queue_mail(["a@example.dk"], "Emne\r\nBcc: ondt@example.dk\x00", "Tekst",
               headers={"List-Unsubscribe": "<https://x>\r\nBcc: ondt@example.dk"})  # fmt: skip
    [message] = sent()
    assert message.subject == "Emne Bcc: ondt@example.dk"
    assert_plain_and_single_line(message)
