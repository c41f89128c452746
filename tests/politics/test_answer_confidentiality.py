"""An answer is confidential until finance releases it: no page, PDF, Excel file, search
result or open-data file shows a draft to politicians or the public
(Question.visible_answer_for)."""

from __future__ import annotations

import io
from datetime import date

import openpyxl
import pytest
from django.urls import reverse
from pypdf import PdfReader

from opendata.schema import DATASETS
from politics.questions import answer_question, ask_question, assign_question, release_question
from tests.conftest import client_for

DRAFT = "Kladdesvar om hemmeligholdte tal"


@pytest.fixture
def drafted(cycle, politician_a, finance, editor_a, department_a):
    question = ask_question(cycle, by=politician_a, text="Hvad koster skolen i 2027?")
    assign_question(question, by=finance, department=department_a, deadline=date(2026, 10, 1))
    answer_question(question, by=editor_a, answer=DRAFT)
    return question


def _readers(politician_a, politician_a2, politician_b):
    return {"spørgeren": politician_a, "partifællen": politician_a2, "andet parti": politician_b}


def test_asker_and_party_do_not_see_a_draft_answer_on_the_question_page(
    client, drafted, politician_a, politician_a2, politician_b
):
    for who, user in _readers(politician_a, politician_a2, politician_b).items():
        client_for(client, user)
        response = client.get(drafted.get_absolute_url())
        assert response.status_code in (200, 404), who
        assert DRAFT not in response.content.decode(), who
    client_for(client, politician_a)
    page = client.get(drafted.get_absolute_url()).content.decode()
    assert "Hvad koster skolen i 2027?" in page  # the own question is still there


def test_finance_and_the_answering_department_see_the_draft_marked_as_such(
    client, drafted, finance, editor_a
):
    for user in (finance, editor_a):
        client_for(client, user)
        page = client.get(drafted.get_absolute_url()).content.decode()
        assert DRAFT in page
        assert "kladde, ikke frigivet" in page


def test_draft_is_absent_from_list_answers_page_pdf_and_excel(client, cycle, drafted, politician_a):
    client_for(client, politician_a)
    for name in ("politics:questions", "politics:answers"):
        assert DRAFT not in client.get(reverse(name, args=[cycle.slug])).content.decode()
    pdf = client.get(reverse("politics:answers_pdf", args=[cycle.slug]), follow=True)
    reader = PdfReader(io.BytesIO(b"".join(pdf.streaming_content)))
    assert "Kladdesvar" not in "\n".join(p.extract_text() for p in reader.pages)
    xlsx = client.get(reverse("politics:answers_xlsx", args=[cycle.slug]))
    cells = [c for row in openpyxl.load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(
        values_only=True) for c in row]  # fmt: skip
    assert DRAFT not in cells


def test_draft_is_absent_from_search_and_open_data(
    client, cycle, drafted, politician_a, politician_b
):
    for user in (None, politician_a, politician_b):
        client.logout()
        client_for(client, user)
        page = client.get(reverse("search:search"), {"q": "hemmeligholdte"}).content.decode()
        assert DRAFT not in page
    client.logout()
    bodies = [client.get(reverse("opendata:datapackage", kwargs={"cycle_slug": cycle.slug}))]
    for name in DATASETS:
        kwargs = {"cycle_slug": cycle.slug, "name": name}
        bodies += [client.get(reverse("opendata:csv", kwargs=kwargs)),
                   client.get(reverse("opendata:json", kwargs=kwargs))]  # fmt: skip
    for response in bodies:
        assert response.status_code == 200
        assert "hemmeligholdte" not in response.content.decode()


def test_after_release_every_politician_reads_the_answer(
    client, cycle, drafted, finance, politician_b
):
    release_question(drafted, by=finance)
    client_for(client, politician_b)
    assert DRAFT in client.get(drafted.get_absolute_url()).content.decode()
    assert DRAFT in client.get(reverse("politics:answers", args=[cycle.slug])).content.decode()


def test_politicians_see_a_drafted_question_as_still_assigned(
    client, cycle, drafted, politician_a, finance, editor_a
):
    url = reverse("politics:questions", args=[cycle.slug])
    client_for(client, politician_a)
    for page in (client.get(url), client.get(drafted.get_absolute_url())):
        html = page.content.decode()
        assert "Besvaret (kladde)" not in html
        assert "Fordelt" in html
    listed = client.get(url, {"status": "fordelt"}).context["questions"]
    assert [q.number for q in listed] == [1]
    assert "besvaret" not in dict(client.get(url).context["filter"].form.fields["status"].choices)
    for user in (finance, editor_a):
        client_for(client, user)
        assert "Besvaret (kladde)" in client.get(drafted.get_absolute_url()).content.decode()
        listed = client.get(url, {"status": "besvaret"}).context["questions"]
        assert [q.number for q in listed] == [1]
