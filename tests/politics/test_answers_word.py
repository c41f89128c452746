"""The released answers to budget questions as Word: a heading per question, the answer
under it, and the same text when a real client (LibreOffice) prints it."""

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
from tests.conftest import client_for
from tests.factories import make_card


def released_answer(cycle, card, politician, finance, department, editor) -> Question:
    q = ask_question(cycle, by=politician, text="Hvad koster det i 2027?", proposal=card)
    assign_question(q, by=finance, department=department, deadline=date(2026, 10, 1))
    answer_question(q, by=editor, answer="Det koster 1,2 mio. kr.")
    return release_question(q, by=finance)


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
