"""The høringsnotat as Word: a heading per card with its responses, each with resumé and
administrationens bemærkning, the group's remark, the same as the PDF; for finance only."""

from __future__ import annotations

import io

import docx
from django.urls import reverse

from hearings.services import save_card_remark, save_response_note
from tests.conftest import client_for
from tests.hearings.test_moderation import respond
from tests.libreoffice import needs_libreoffice, printed_text


def test_finance_downloads_the_note_as_word_with_the_pdfs_content(client, hearing, finance):
    card = hearing.cards.get()
    about_card = respond(hearing, "Bevar svømmehallen for skolernes skyld.", cards=[card])
    respond(hearing, "Generelt om budgettet.", consent=False)
    save_response_note(about_card, by=finance, summary="Ønsker hallen bevaret.", remark="Noteret.")
    save_card_remark(hearing, card, by=finance, text="Forvaltningen fastholder forslaget.")
    url = reverse("hearings:note_docx", args=[hearing.slug])
    assert client.get(url).status_code == 302  # sign in first

    client_for(client, finance)
    page = client.get(reverse("hearings:note", args=[hearing.slug])).content.decode()
    assert f'href="{url}"' in page
    answer = client.get(url)
    assert answer["Cache-Control"] == "private, no-store"
    document = docx.Document(io.BytesIO(answer.content))
    styled = [(p.style.name, p.text) for p in document.paragraphs]
    headings = [(s, t) for s, t in styled if s.startswith("Heading")]
    assert headings[:2] == [
        ("Heading 1", f"{card.number} {card.title}"),
        ("Heading 3", "Administrationens bemærkning til svarene i gruppen"),
    ]
    assert ("Heading 2", "Svar nr. 1 fra Karen") in headings
    # Without consent the sender is not named, as in the PDF.
    assert ("Heading 1", "Generelle bemærkninger") in headings
    assert ("Heading 2", "Svar nr. 2 fra Privatperson") in headings
    text = "\n".join(t for _s, t in styled)
    assert "Ønsker hallen bevaret." in text and "Noteret." in text
    assert "Forvaltningen fastholder forslaget." in text


@needs_libreoffice
def test_libreoffice_prints_the_note_word_file(client, hearing, finance, tmp_path):
    card = hearing.cards.get()
    about_card = respond(hearing, "Bevar svømmehallen for skolernes skyld.", cards=[card])
    save_response_note(about_card, by=finance, summary="Ønsker hallen bevaret.", remark="Noteret.")
    save_card_remark(hearing, card, by=finance, text="Forvaltningen fastholder forslaget.")
    client_for(client, finance)
    data = client.get(reverse("hearings:note_docx", args=[hearing.slug])).content
    text = printed_text(data, tmp_path, "hoeringsnotat")
    assert f"{card.number} {card.title}" in text and "Svar nr. 1 fra Karen" in text
    assert "Ønsker hallen bevaret." in text and "Noteret." in text
    assert "Forvaltningen fastholder forslaget." in text
