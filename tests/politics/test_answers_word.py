"""The released answers to budget questions as Word: a heading per question, the answer
under it, and the same text when a real client (LibreOffice) prints it."""

from __future__ import annotations

import io
from datetime import date

import docx
from django.urls import reverse

from politics.models import Question
from politics.questions import answer_question, ask_question, assign_question, release_question
from proposals.models import Status
from tests.conftest import client_for
from tests.factories import make_card
from tests.libreoffice import needs_libreoffice, printed_text


def released_answer(cycle, card, politician, finance, department, editor) -> Question:
    q = ask_question(cycle, by=politician, text="Hvad koster det i 2027?", proposal=card)
    assign_question(q, by=finance, department=department, deadline=date(2026, 10, 1))
    answer_question(q, by=editor, answer="Det koster 1,2 mio. kr.")
    return release_question(q, by=finance)


def test_the_answers_download_as_word_with_a_heading_per_question(
    client, cycle, politician_a, finance, department_a, editor_a, committee
):
    card = make_card(by=finance, department=department_a, committee=committee, number="T101",
                     status=Status.RELEASED)  # fmt: skip
    released_answer(cycle, card, politician_a, finance, department_a, editor_a)
    ask_question(cycle, by=politician_a, text="Ubesvaret")
    client_for(client, politician_a)
    data = client.get(reverse("politics:answers_docx", args=[cycle.slug])).content
    document = docx.Document(io.BytesIO(data))
    styled = [(p.style.name, p.text) for p in document.paragraphs]
    assert ("Heading 1", "Spørgsmål 1") in styled
    assert ("Heading 2", f"Svar ({department_a.name})") in styled
    text = "\n".join(t for _s, t in styled)
    assert "Det koster 1,2 mio. kr." in text and "Om T101" in text
    assert "Ubesvaret" not in text


@needs_libreoffice
def test_libreoffice_prints_the_answers_word_file(
    client, cycle, politician_a, finance, department_a, editor_a, committee, tmp_path
):
    card = make_card(by=finance, department=department_a, committee=committee, number="T101",
                     status=Status.RELEASED)  # fmt: skip
    released_answer(cycle, card, politician_a, finance, department_a, editor_a)
    client_for(client, politician_a)
    data = client.get(reverse("politics:answers_docx", args=[cycle.slug])).content
    text = printed_text(data, tmp_path, "svar")
    assert "Spørgsmål 1" in text and f"Svar ({department_a.name})" in text
    assert "Hvad koster det i 2027?" in text and "Det koster 1,2 mio. kr." in text
