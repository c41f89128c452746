"""Released answers beside their cards: the card page, the catalog PDF, the revision each
answer was written against, and who reads them."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from budget_portal.publications import fingerprint
from politics.questions import release_question
from proposals.models import Revision, Status
from proposals.publications import _render_catalog, catalog_params
from proposals.services import change_status
from tests.conftest import client_for
from tests.politics.answers import ANSWER, answered, revise


def on_12_march(question) -> None:
    """The answered revision's date, fixed, so the Danish date can be read on the page."""
    Revision.objects.filter(pk=question.answered_revision_id).update(
        created_at=datetime(2026, 3, 12, 10, tzinfo=UTC)
    )


@pytest.fixture
def t105(seed_cards):
    return seed_cards["T105"]


@pytest.fixture
def released(t105, politician_a, finance, department_a, editor_a):
    question = answered(t105, by=politician_a, finance=finance, department=department_a,
                        editor=editor_a)  # fmt: skip
    release_question(question, by=finance)
    on_12_march(question)
    return question


def card_page(client, user, card):
    client_for(client, user)
    response = client.get(reverse("proposals:detail", args=[card.cycle.slug, card.number]))
    assert response.status_code == 200
    return response.content.decode()


def test_card_page_shows_the_released_answer_with_the_version_it_answers(
    client, released, t105, politician_a
):
    page = card_page(client, politician_a, t105)
    assert "Svar på budgetspørgsmål om forslaget" in page
    assert ANSWER in page
    assert "Svar givet til version 2 af 12. marts 2026" in page
    assert "Svaret gælder en tidligere version" not in page
    # The reading room's readers go on to the question itself.
    assert reverse("politics:question", args=[t105.cycle.slug, released.number]) in page


def test_an_answer_about_an_older_version_says_so(client, released, t105, politician_a, finance):
    revise(t105, finance)
    page = card_page(client, politician_a, t105)
    assert "Svar givet til version 2 af 12. marts 2026" in page
    assert "Svaret gælder en tidligere version. Forslaget er nu i version 3." in page


def test_an_unreleased_answer_is_never_beside_the_card(
    client, t105, politician_a, finance, department_a, editor_a
):
    answered(t105, by=politician_a, finance=finance, department=department_a, editor=editor_a)
    for user in (finance, editor_a, politician_a, None):
        client.logout()
        page = card_page(client, user, t105)
        assert ANSWER not in page
        assert "Svar på budgetspørgsmål om forslaget" not in page
    assert ANSWER not in catalog_text(client, t105.cycle)


def test_citizens_read_the_answers_on_a_public_card(client, released, t105):
    page = card_page(client, None, t105)
    assert ANSWER in page
    assert "Svar givet til version 2 af 12. marts 2026" in page
    # The question pages are the reading room's; citizens get no link to a 404.
    assert reverse("politics:question", args=[t105.cycle.slug, released.number]) not in page


def test_a_withdrawn_card_keeps_its_answers_for_those_who_still_read_it(
    client, released, t105, finance, editor_a, politician_a
):
    t105.refresh_from_db()
    change_status(t105, by=finance, target=Status.WITHDRAWN, based_on_version=t105.version)
    assert ANSWER in card_page(client, finance, t105)
    assert ANSWER in card_page(client, editor_a, t105)  # the card's own department
    client_for(client, politician_a)
    url = reverse("proposals:detail", args=[t105.cycle.slug, t105.number])
    assert client.get(url).status_code == 404  # no longer public: neither card nor answers


def catalog_text(client, cycle) -> str:
    url = reverse("proposals:catalog_pdf", args=[cycle.slug])
    response = client.get(url, follow=True)
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_the_catalog_prints_the_answer_after_its_card_with_the_version(client, released, cycle):
    text = catalog_text(client, cycle)
    card_at = text.index("IT- og Cybersikkerhed (NIS2)\nNr.")
    answer_at = text.index("Engangsudgifterne ligger i 2026")
    next_card_at = text.index("Anmodning om aktindsigt i egen sag\nNr.")
    assert card_at < answer_at < next_card_at
    assert "Svar givet til version 2 af 12. marts 2026" in text[answer_at:next_card_at]
    assert text.count("Engangsudgifterne ligger i 2026") == 1


def test_releasing_an_answer_makes_a_new_catalog_and_a_draft_does_not(
    cycle, t105, politician_a, finance, department_a, editor_a
):
    params = catalog_params()
    before = fingerprint("catalog", cycle, params)
    question = answered(t105, by=politician_a, finance=finance, department=department_a,
                        editor=editor_a)  # fmt: skip
    assert fingerprint("catalog", cycle, params) == before
    release_question(question, by=finance)
    assert fingerprint("catalog", cycle, params) != before


def _catalog_queries(cycle) -> int:
    with CaptureQueriesContext(connection) as queries:
        _render_catalog(cycle, catalog_params(), lambda pct: None)
    return len(queries.captured_queries)


def test_the_catalog_reads_the_answers_in_a_fixed_number_of_queries(
    cycle, seed_cards, politician_a, finance, department_a, editor_a
):
    def answer_card(number):
        question = answered(seed_cards[number], by=politician_a, finance=finance,
                            department=department_a, editor=editor_a,
                            text=f"Spørgsmål om {number}")  # fmt: skip
        release_question(question, by=finance)

    answer_card("T101")
    few = _catalog_queries(cycle)
    for number in ("T105", "T304", "T104"):
        answer_card(number)
    assert _catalog_queries(cycle) == few


def pdf_text(client, url) -> str:
    response = client.get(url, follow=True)
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_the_card_pdf_prints_the_answer_and_that_the_card_has_changed_since(
    client, released, t105, finance
):
    url = reverse("proposals:card_pdf", args=[t105.cycle.slug, t105.number])
    text = pdf_text(client, url)
    assert ANSWER in text
    assert "Svar givet til version 2 af 12. marts 2026" in text
    revise(t105, finance)
    text = pdf_text(client, url)  # a new version: a new file, with the note
    assert "Svaret gælder en tidligere version. Forslaget er nu i version 3." in text


def test_the_card_page_reads_its_answers_in_a_fixed_number_of_queries(
    client, t105, politician_a, finance, department_a, editor_a
):
    def release_one(n):
        question = answered(t105, by=politician_a, finance=finance, department=department_a,
                            editor=editor_a, text=f"Spørgsmål {n}")  # fmt: skip
        release_question(question, by=finance)

    url = reverse("proposals:detail", args=[t105.cycle.slug, t105.number])
    client_for(client, politician_a)
    release_one(1)
    client.get(url)  # the first visit writes "seen"; count a later one
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).content.decode().count("Svar givet til version") == 1
    release_one(2)
    release_one(3)
    with CaptureQueriesContext(connection) as three:
        assert client.get(url).content.decode().count("Svar givet til version") == 3
    assert len(three.captured_queries) == len(one.captured_queries)
