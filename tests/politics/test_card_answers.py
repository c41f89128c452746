"""A released answer sits beside the card it is about, tied to the card's version it
answers, and says so when the card has changed since."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date

import docx
from django.urls import reverse
from pypdf import PdfReader

from politics.models import Question
from politics.questions import answer_question, ask_question, assign_question, release_question
from proposals.models import Status
from proposals.services import revise_proposal
from tests.conftest import client_for
from tests.factories import make_card


def released_answer(cycle, card, politician, finance, department, editor) -> Question:
    q = ask_question(cycle, by=politician, text="Hvad koster det i 2027?", proposal=card)
    assign_question(q, by=finance, department=department, deadline=date(2026, 10, 1))
    answer_question(q, by=editor, answer="Det koster 1,2 mio. kr.")
    return release_question(q, by=finance)


def test_the_card_page_shows_the_answer_and_the_version_it_answers(
    client, cycle, politician_a, finance, department_a, editor_a, committee
):
    card = make_card(by=finance, department=department_a, committee=committee, number="T101",
                     status=Status.RELEASED)  # fmt: skip
    q = released_answer(cycle, card, politician_a, finance, department_a, editor_a)
    assert q.answers_revision == card.revisions.get(number=card.version)

    client_for(client, politician_a)
    page = client.get(card.get_absolute_url()).content.decode()
    assert "Besvarede budgetspørgsmål" in page
    assert "Det koster 1,2 mio. kr." in page
    assert f"Svaret gælder version {card.version} af forslaget" in page
    assert "Forslaget er ændret siden" not in page


def test_an_answer_about_an_older_version_says_so(
    client, cycle, politician_a, finance, department_a, editor_a, committee
):
    card = make_card(by=finance, department=department_a, committee=committee, number="T101",
                     status=Status.RELEASED)  # fmt: skip
    released_answer(cycle, card, politician_a, finance, department_a, editor_a)
    answered = card.version
    card.refresh_from_db()
    revise_proposal(card, by=finance, fields={"title": "Ny titel"}, years={},
                    based_on_version=card.version)  # fmt: skip
    card.refresh_from_db()
    client_for(client, politician_a)
    page = client.get(card.get_absolute_url()).content.decode()
    assert f"Svaret gælder version {answered} af forslaget" in page
    assert f"Forslaget er ændret siden; det er nu version {card.version}." in page


def test_readers_who_may_not_see_questions_see_no_answers_on_the_card(
    client, cycle, politician_a, finance, department_a, editor_a, committee
):
    card = make_card(by=finance, department=department_a, committee=committee, number="T101",
                     status=Status.RELEASED)  # fmt: skip
    released_answer(cycle, card, politician_a, finance, department_a, editor_a)
    page = client.get(card.get_absolute_url()).content.decode()  # anonymous
    assert "Det koster 1,2 mio. kr." not in page


def test_the_answers_download_as_word_with_a_heading_per_question(
    client, cycle, politician_a, finance, department_a, editor_a, committee, tmp_path
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
    if soffice := shutil.which("soffice"):  # a real client opens it and prints the same text
        (tmp_path / "svar.docx").write_bytes(data)
        subprocess.run(  # noqa: S603 - our file, a fixed program
            [soffice, f"-env:UserInstallation=file://{tmp_path}/lo", "--headless",
             "--convert-to", "pdf", "--outdir", str(tmp_path), str(tmp_path / "svar.docx")],
            check=True, capture_output=True, timeout=180,
        )  # fmt: skip
        pdf = " ".join(p.extract_text() for p in PdfReader(tmp_path / "svar.pdf").pages)
        assert "Spørgsmål 1" in pdf and "Det koster 1,2 mio. kr." in pdf
