"""Citizens respond to a hearing without logging in; each response is stored exactly once."""

from __future__ import annotations

import io
import uuid
from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfWriter

from hearings.models import Hearing, Response


def pdf_bytes(pages: int = 1, *, encrypt: bool = False, javascript: bool = False) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=200, height=200)
    if encrypt:
        writer.encrypt("hemmelig")
    out = io.BytesIO()
    writer.write(out)
    data = out.getvalue()
    if javascript:  # an action object that runs a script when the file opens
        data = data.replace(
            b"trailer", b"99 0 obj << /S /JavaScript /JS (app.alert(1)) >>\nendobj\ntrailer"
        )
    return data


def form_data(client, hearing, **over) -> dict:
    page = client.get(hearing.get_absolute_url())
    key = page.context["form"]["submission_key"].value()
    data = {
        "name": "Karen Borger",
        "organisation": "",
        "email": "karen@example.dk",
        "text": "Svømmehallen er vigtig for skolerne.",
        "consent": "on",
        "website": "",
        "submission_key": str(key),
    }
    data.update(over)
    return data


def test_form_has_the_agreed_labels(client, hearing):
    html = client.get(hearing.get_absolute_url()).content.decode()
    for label in (
        "Navn",
        "Organisation",
        "E-mail",
        "Dit høringssvar",
        "Vedhæft fil (PDF)",
        "Jeg giver samtykke til, at mit svar offentliggøres",
        "Send høringssvar",
    ):
        assert label in html, label
    assert "R101 Lukning af svømmehal" in html


def test_citizen_responds_and_gets_a_receipt_page_and_email(
    client, hearing, django_capture_on_commit_callbacks
):
    data = form_data(client, hearing)
    data["cards"] = [hearing.cards.get().pk]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(hearing.get_absolute_url(), data)
    stored = Response.objects.get()
    assert response["Location"] == reverse("hearings:receipt", args=[hearing.slug, stored.receipt])
    page = client.get(response["Location"]).content.decode()
    assert "som svar nr. 1" in page
    assert stored.cards.get().number == "R101"
    assert stored.consent is True
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["karen@example.dk"]
    assert "nr. 1" in mail.outbox[0].body


def test_double_submit_stores_one_response(client, hearing):
    data = form_data(client, hearing)
    first = client.post(hearing.get_absolute_url(), data)
    second = client.post(hearing.get_absolute_url(), data)
    assert first["Location"] == second["Location"]
    assert Response.objects.count() == 1


def test_after_the_deadline_a_clear_refusal_and_nothing_stored(client, hearing):
    data = form_data(client, hearing)
    Hearing.objects.filter(pk=hearing.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    response = client.post(hearing.get_absolute_url(), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Høringen er lukket. Der kan ikke længere afgives svar." in html
    assert "Dit svar er ikke gemt" in html
    assert not Response.objects.exists()
    assert "Send høringssvar" not in client.get(hearing.get_absolute_url()).content.decode()


def test_closing_time_is_kept_to_the_minute_in_copenhagen_time(hearing):
    closes = timezone.make_aware(timezone.datetime(2026, 9, 6, 12, 0))
    hearing.opens_at, hearing.closes_at = closes - timedelta(days=8), closes
    assert hearing.is_open(closes - timedelta(seconds=1))
    assert not hearing.is_open(closes)
    assert str(timezone.localtime(closes).tzinfo) == "Europe/Copenhagen"


def test_honeypot_filled_pretends_success_and_stores_nothing(client, hearing):
    response = client.post(hearing.get_absolute_url(), form_data(client, hearing, website="x"))
    assert response["Location"] == reverse("hearings:thanks", args=[hearing.slug])
    assert not Response.objects.exists()


def test_rate_limit_per_connection(client, hearing, settings):
    settings.HEARING_RESPONSES_PER_HOUR = 2
    for _ in range(2):
        client.post(hearing.get_absolute_url(), form_data(client, hearing))
    third = client.post(hearing.get_absolute_url(), form_data(client, hearing))
    assert "mange svar fra din forbindelse" in third.content.decode()
    assert Response.objects.count() == 2
    settings.HEARING_RESPONSES_PER_HOUR = 0  # the load test's setting: no limit
    assert client.post(hearing.get_absolute_url(), form_data(client, hearing)).status_code == 302


def test_missing_fields_are_named_in_danish(client, hearing):
    response = client.post(
        hearing.get_absolute_url(),
        form_data(client, hearing, name="", email="ikke-en-mail", text=""),
    )
    errors = response.context["form"].errors
    assert errors["name"] == ["Dette felt er påkrævet."]
    assert errors["email"] == ["Indtast en gyldig e-mail-adresse."]
    assert "text" in errors
    assert not Response.objects.exists()


def test_pdf_attachment_is_stored_under_a_random_name(client, hearing):
    upload = SimpleUploadedFile(
        "mit cpr 010203-1234.pdf", pdf_bytes(), content_type="application/pdf"
    )
    client.post(hearing.get_absolute_url(), form_data(client, hearing, attachment=upload))
    stored = Response.objects.get()
    assert stored.attachment.name.startswith("hearing-attachments/")
    assert "cpr" not in stored.attachment.name
    assert stored.attachment.name.endswith(".pdf")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"just text, not a pdf", "Filen er ikke en PDF."),
        (pdf_bytes(encrypt=True), "krypteret"),
        (pdf_bytes(javascript=True), "scripts"),
        (pdf_bytes(pages=201), "for mange sider"),
    ],
)
def test_bad_attachments_are_refused(client, hearing, content, message):
    upload = SimpleUploadedFile("svar.pdf", content, content_type="application/pdf")
    response = client.post(
        hearing.get_absolute_url(), form_data(client, hearing, attachment=upload)
    )
    assert message in response.context["form"].errors["attachment"][0]
    assert not Response.objects.exists()


def test_responses_are_numbered_without_gaps(hearing):
    from hearings.services import Submission, submit_response

    for i in range(3):
        submit_response(
            hearing,
            Submission("A", "", "a@example.dk", "tekst", True, [], None, uuid.uuid4()),
            client_ip=f"10.0.0.{i}",
        )
    assert list(Response.objects.values_list("number", flat=True)) == [1, 2, 3]


@pytest.mark.django_db(transaction=True)
def test_rate_limit_holds_under_simultaneous_requests(hearing, settings):
    from hearings.services import Submission, TooManyResponses, submit_response
    from tests.threads import at_once, skip_unless_separate_connections

    skip_unless_separate_connections()
    settings.HEARING_RESPONSES_PER_HOUR = 2
    refused = []

    def send():
        try:
            submit_response(
                hearing,
                Submission("A", "", "a@example.dk", "tekst", True, [], None, uuid.uuid4()),
                client_ip="198.51.100.7",
            )
        except TooManyResponses:
            refused.append(1)

    at_once(send, 6)
    assert Response.objects.count() == 2
    assert len(refused) == 4


@pytest.mark.django_db(transaction=True)
def test_the_same_form_sent_twice_at_once_gets_its_own_response_among_others(hearing):
    """A double click: the second request meets the first inside the server (the unique key
    stops its insert) and is answered with the first's response, not any of the hearing's."""
    from hearings.services import Submission, submit_response
    from tests.threads import at_once, skip_unless_separate_connections

    skip_unless_separate_connections()

    def form(key) -> Submission:
        return Submission("A", "", "a@example.dk", "tekst", True, [], None, key)

    for i in range(2):
        submit_response(hearing, form(uuid.uuid4()), client_ip=f"10.0.0.{i}")
    for _ in range(5):
        key, answers = uuid.uuid4(), []

        def send(key=key, answers=answers):
            answers.append(submit_response(hearing, form(key), client_ip="10.1.1.1"))

        at_once(send, 2)
        assert len(answers) == 2  # neither request failed
        assert {response.submission_key for response, _created in answers} == {key}
        assert sorted(created for _response, created in answers) == [False, True]
    numbers = list(Response.objects.order_by("number").values_list("number", flat=True))
    assert numbers == list(range(1, 8))


def test_hearing_page_queries_do_not_grow_with_its_cards(client, hearing, finance):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from proposals.models import Status
    from tests.factories import make_card

    card = hearing.cards.get()
    client.get(hearing.get_absolute_url())  # warm caches
    with CaptureQueriesContext(connection) as few:
        client.get(hearing.get_absolute_url())
    for n in range(2, 12):
        hearing.cards.add(make_card(by=finance, department=card.department,
                                    committee=card.committee, number=f"R1{n:02d}",
                                    status=Status.RELEASED))  # fmt: skip
    with CaptureQueriesContext(connection) as many:
        client.get(hearing.get_absolute_url())
    assert len(many) == len(few)


def test_the_post_stores_the_response_and_queues_one_delivery_the_worker_sends(
    client, hearing, settings, django_capture_on_commit_callbacks
):
    """The request does no mail work: it stores the response and its receipt in the outbox
    and queues one delivery task; the worker sends the receipt later."""
    from django_tasks.signals import task_enqueued

    from budget_portal.tasks import deliver_outbox
    from tests.mail_backends import CountingBackend

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    settings.EMAIL_BACKEND = "tests.mail_backends.CountingBackend"
    CountingBackend.sent = []
    queued = []

    def record(sender, task_result, **kwargs):
        queued.append(task_result.task.name)

    task_enqueued.connect(record)
    try:
        data = form_data(client, hearing)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(hearing.get_absolute_url(), data)
    finally:
        task_enqueued.disconnect(record)
    assert response.status_code == 302
    assert Response.objects.get().number == 1
    assert CountingBackend.sent == []
    assert queued == ["deliver_outbox"]

    deliver_outbox.call()  # what the worker does
    assert [m.to for m in CountingBackend.sent] == [["karen@example.dk"]]


def test_the_receipt_mail_has_the_number_time_and_cards_it_was_given(hearing, finance):
    """The receipt is written before the hearing is locked, with the number and the time
    filled in after: they must be the stored response's, in Copenhagen time."""
    from zoneinfo import ZoneInfo

    from budget_portal.models import OutboxMessage
    from hearings.services import Submission, submit_response
    from tests.factories import make_card

    first = hearing.cards.get()
    other = make_card(by=finance, department=first.department, committee=first.committee,
                      number="A102", title="Ny cykelsti", status="frigivet")  # fmt: skip
    for i in range(2):
        response, _ = submit_response(
            hearing,
            Submission(
                "Karen",
                "",
                "k@example.dk",
                f"Svar {i} [n]",
                True,
                [first, other],
                None,
                uuid.uuid4(),
            ),  # fmt: skip
            client_ip=f"10.0.0.{i}",
        )
    body = OutboxMessage.objects.get(about=response.mail_key).body
    assert response.number == 2
    months = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
              "september", "oktober", "november", "december"]  # fmt: skip
    at = response.created_at.astimezone(ZoneInfo("Europe/Copenhagen"))
    when = f"{at.day}. {months[at.month - 1]} {at.year} kl. {at:%H.%M}"
    assert f"Dit svar har nr. 2 og blev modtaget {when}." in body
    assert body.index("- A102 Ny cykelsti") < body.index("- R101 Lukning af svømmehal")
    assert "Svar 1 [n]" in body  # the citizen's text as written
    assert body.count("[") == 1


def test_a_post_reads_only_what_storing_the_response_needs(client, hearing):
    """The card a link from a card's page would tick (?forslag=) is read for the form a GET
    shows, not for a POST, which brings its own choice."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    data = form_data(client, hearing)
    data["cards"] = [hearing.cards.get().pk]
    with CaptureQueriesContext(connection) as queries:
        answer = client.post(f"{hearing.get_absolute_url()}?forslag=R101", data)
    assert answer.status_code == 302
    assert Response.objects.get().cards.get().number == "R101"
    card_reads = [q["sql"] for q in queries if '"proposals_proposal"."title"' in q["sql"]]
    assert len(card_reads) == 1  # the chosen cards, validated once
