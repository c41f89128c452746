"""Finance moderates responses: publish, redact, reject; outputs of a hearing."""

from __future__ import annotations

import io
import re
import uuid

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from budget_portal.personal_data import find_cpr_numbers, mask_cpr_numbers
from hearings.models import Response
from hearings.services import Submission, submit_response
from tests.conftest import client_for
from tests.hearings.test_responding import pdf_bytes


def respond(
    hearing,
    text="Bevar svømmehallen.",
    *,
    consent=True,
    cards=(),
    org="",
    name="Karen",
    attachment=None,
) -> Response:
    response, _ = submit_response(
        hearing,
        Submission(
            name, org, "karen@example.dk", text, consent, list(cards), attachment, uuid.uuid4()
        ),
        client_ip="192.0.2.1",
    )
    return response


def moderate(client, response, action, **data):
    """Post a moderation form as finance does, the publish confirmation ticked."""
    if action == "offentliggoer":
        data.setdefault("confirm", "on")
    url = reverse("hearings:moderate", args=[response.hearing.slug, response.pk, action])
    client.get(reverse("hearings:moderation", args=[response.hearing.slug]))
    return client.post(url, data)


def test_published_response_shows_on_hearing_and_card_without_email(client, hearing, finance):
    card = hearing.cards.get()
    response = respond(hearing, cards=[card], org="Svømmeklubben Delfinen")
    client_for(client, finance)
    moderate(client, response, "offentliggoer")
    client.logout()
    hearing_page = client.get(hearing.get_absolute_url()).content.decode()
    assert "Svar nr. 1 fra Svømmeklubben Delfinen" in hearing_page
    assert "Bevar svømmehallen." in hearing_page
    assert "karen@example.dk" not in hearing_page
    card_page = client.get(card.get_absolute_url()).content.decode()
    assert "Høringssvar om forslaget" in card_page
    assert "Bevar svømmehallen." in card_page


def test_without_consent_a_response_is_never_published(client, hearing, finance):
    response = respond(hearing, consent=False)
    client_for(client, finance)
    moderate(client, response, "offentliggoer")
    response.refresh_from_db()
    assert response.state == Response.State.RECEIVED
    client.logout()
    assert "Bevar svømmehallen." not in client.get(hearing.get_absolute_url()).content.decode()


def test_cpr_number_blocks_publication_until_redacted(client, hearing, finance):
    response = respond(hearing, text="Mit CPR er 010203-1234, og jeg er imod.")
    client_for(client, finance)
    page = moderate(client, response, "offentliggoer", published_text="")
    response.refresh_from_db()
    assert response.state == Response.State.RECEIVED
    # The refusal sits at the text to redact, which keeps what was posted.
    assert page.status_code == 400
    assert re.search(rf'id="pt-{response.pk}-error">.*010203-1234', page.text)
    moderate(
        client, response, "offentliggoer", published_text="Mit CPR er [fjernet], og jeg er imod."
    )
    response.refresh_from_db()
    assert response.state == Response.State.PUBLISHED
    client.logout()
    html = client.get(hearing.get_absolute_url()).content.decode()
    assert "[fjernet]" in html
    assert "010203-1234" not in html


def test_reject_needs_a_reason_and_hides_the_response(client, hearing, finance):
    response = respond(hearing)
    client_for(client, finance)
    moderate(client, response, "afvis", reason="")
    response.refresh_from_db()
    assert response.state == Response.State.RECEIVED
    moderate(client, response, "afvis", reason="Indeholder injurier")
    response.refresh_from_db()
    assert (response.state, response.rejection_reason) == ("afvist", "Indeholder injurier")


def test_htmx_moderation_returns_the_item_fragment(client, hearing, finance):
    response = respond(hearing)
    client_for(client, finance)
    url = reverse("hearings:moderate", args=[hearing.slug, response.pk, "offentliggoer"])
    client.get(reverse("hearings:moderation", args=[hearing.slug]))
    fragment = client.post(
        url, {"published_text": "", "confirm": "on"}, headers={"HX-Request": "true"}
    )
    html = fragment.content.decode()
    assert html.lstrip().startswith(
        f'<article class="moderation-item state-offentliggjort" id="svar-{response.pk}"'
    )


@pytest.mark.parametrize("who", [None, "politician", "editor_a"])
def test_only_finance_moderates(client, hearing, request, who):
    response = respond(hearing, attachment=SimpleUploadedFile("a.pdf", pdf_bytes()))
    if who:
        client_for(client, request.getfixturevalue(who))
    urls = [
        reverse("hearings:moderation", args=[hearing.slug]),
        reverse("hearings:attachment", args=[hearing.slug, response.pk]),
        reverse("hearings:note", args=[hearing.slug]),
        reverse("hearings:responses_xlsx", args=[hearing.slug]),
    ]
    for url in urls:
        assert client.get(url).status_code in (302, 403)
    assert moderate(client, response, "offentliggoer").status_code in (302, 403)
    response.refresh_from_db()
    assert response.state == Response.State.RECEIVED


def test_attachment_is_served_as_download_to_finance(client, hearing, finance):
    response = respond(hearing, attachment=SimpleUploadedFile("a.pdf", pdf_bytes()))
    client_for(client, finance)
    download = client.get(reverse("hearings:attachment", args=[hearing.slug, response.pk]))
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content).startswith(b"%PDF-")


def test_outputs_excel_pdf_and_note(client, hearing, finance):
    card = hearing.cards.get()
    first = respond(hearing, "Om svømmehallen.", cards=[card], org="Delfinen")
    respond(hearing, "Generelt om budgettet.", name="Ole")
    respond(hearing, "Ikke til offentliggørelse.", consent=False)
    client_for(client, finance)
    moderate(client, first, "offentliggoer")

    xlsx = client.get(reverse("hearings:responses_xlsx", args=[hearing.slug]))
    rows = list(openpyxl.load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert len(rows) == 4
    assert rows[1][4] == "karen@example.dk"
    assert rows[1][7] == "R101"

    pdf = client.get(reverse("hearings:responses_pdf", args=[hearing.slug]), follow=True)
    reader = PdfReader(io.BytesIO(b"".join(pdf.streaming_content)))
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "Svar nr. 1 fra Delfinen" in text
    assert "Generelt om budgettet." not in text  # not published
    assert "karen@example.dk" not in text

    note = client.get(reverse("hearings:note", args=[hearing.slug]))
    groups = note.context["groups"]
    assert [g.card.number if g.card else None for g in groups] == ["R101", None]
    assert [r.number for r in groups[1].responses] == [2, 3]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("CPR 010203-1234", ["010203-1234"]),
        ("cpr 0102031234 her", ["0102031234"]),
        ("tlf 12345678", []),
        ("beløb 1.250.000 kr.", []),
        ("dato 310299-1234", []),  # 31 February is no date
        ("konto 1234-0102031234", []),
    ],
)
def test_cpr_detection(text, found):
    assert find_cpr_numbers(text) == found


def test_cpr_masking():
    assert mask_cpr_numbers("A 010203-1234 B") == "A XXXXXX-XXXX B"


def test_overlong_input_is_refused_with_a_message_and_nothing_saved(client, hearing, finance):
    response = respond(hearing)
    client_for(client, finance)
    page = moderate(client, response, "afvis", reason="x" * 501)
    response.refresh_from_db()
    assert response.state == Response.State.RECEIVED
    assert page.status_code == 400
    error = re.search(rf'id="reason-{response.pk}-error">(.*?)</span>\s*<input', page.text, re.S)
    assert error and "500 tegn" in error[1]
    assert f'value="{"x" * 501}"' in page.text  # what was typed is kept to shorten
    moderate(client, response, "offentliggoer", published_text="y" * 20_001)
    response.refresh_from_db()
    assert response.state == Response.State.RECEIVED
    assert response.published_text == ""


def test_the_hearing_charts_published_responses_per_card(client, hearing, finance):
    card = hearing.cards.get()
    client_for(client, finance)
    for text, cards in (("Bevar den.", [card]), ("Luk den ikke.", [card]), ("Generelt.", [])):
        moderate(client, respond(hearing, text, cards=cards), "offentliggoer")
    respond(hearing, "Ikke offentliggjort.", cards=[card])  # received, not published
    client.logout()
    page = client.get(hearing.get_absolute_url()).content.decode()
    assert "Offentliggjorte høringssvar pr. forslag" in page
    table = page[page.index("Tallene bag diagrammet: Offentliggjorte høringssvar") :]
    assert '<th scope="col" class="num">R101 Lukning af svømmehal</th>' in table
    assert '<th scope="col" class="num">Ikke om et bestemt forslag</th>' in table
    row = '<th scope="row">Høringssvar</th><td class="num">2</td><td class="num">1</td>'
    assert row in table


def test_a_refusal_shows_at_the_field_it_is_about_and_nothing_is_written(client, hearing, finance):
    response = respond(hearing, consent=False)
    client_for(client, finance)
    page = moderate(client, response, "afvis", reason="  ")
    assert page.status_code == 400
    error = re.search(rf'id="reason-{response.pk}-error">(.*?)</span>\s*<input', page.text, re.S)
    assert error and "Skriv en begrundelse for afvisningen." in error[1]
    # A refusal about the response itself (no consent) is the item's, not a field's.
    page = moderate(client, response, "offentliggoer", published_text="Redigeret.")
    item = re.search(rf'<article[^>]*id="svar-{response.pk}">(.*?)</article>', page.text, re.S)
    assert 'role="alert"' in item[1] and "ikke givet samtykke" in item[1]
    assert "Redigeret.</textarea>" in item[1]
    response.refresh_from_db()
    assert (response.state, response.published_text) == (Response.State.RECEIVED, "")
    assert not response.rejection_reason
