"""The catalog as Word: the PDF's content with real headings and tables, read back with
python-docx, and opened by a real client (LibreOffice, headless) that turns it into a PDF."""

from __future__ import annotations

import io

import docx
import pytest
from django.urls import reverse

from proposals.models import Status
from tests.conftest import client_for
from tests.factories import make_card
from tests.libreoffice import needs_libreoffice, printed_text
from tests.proposals.test_price_level_totals import index


@pytest.fixture
def cards(finance, department_a, department_b, committee, committee_b):
    make_card(by=finance, department=department_a, committee=committee, number="T101",
              title="Digital udvikling KOMBIT projekter", status=Status.RELEASED,
              net=2_000_000, fte="0.54")  # fmt: skip
    make_card(by=finance, department=department_b, committee=committee_b, number="R301",
              title="Færre vikarer", status=Status.RELEASED, net=-1_250_000,
              price_year=2025, service_frame="nej")  # fmt: skip
    make_card(by=finance, department=department_a, committee=committee, number="T199",
              title="Hemmelig kladde", status=Status.DRAFT)  # fmt: skip


def fetch(client, cycle, **query) -> bytes:
    response = client.get(reverse("proposals:catalog_docx", args=[cycle.slug]), query)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return response.content


def headings(document) -> list[tuple[str, str]]:
    styled = [(p.style.name, p.text) for p in document.paragraphs]
    return [(style, text) for style, text in styled if style.startswith(("Heading", "Title"))]


def test_the_word_catalog_has_headings_tables_and_danish_numbers(client, cards, cycle):
    document = docx.Document(io.BytesIO(fetch(client, cycle)))
    assert document.core_properties.title == "Forslagskatalog, Budget 2026-2029"
    found = headings(document)
    assert found[0] == ("Title", "Forslagskatalog, Budget 2026-2029")
    assert ("Heading 1", "Oversigt pr. udvalg") in found
    assert ("Heading 2", "T101 Digital udvikling KOMBIT projekter") in found
    assert ("Heading 3", "Økonomiske konsekvenser") in found
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Hemmelig kladde" not in text and "T199" not in text
    cells = [[c.text for c in row.cells] for t in document.tables for row in t.rows]
    assert ["T101 Digital udvikling KOMBIT projekter", "2,000", "2,000", "2,000", "2,000"] in cells
    assert ["I alt, netto", "0,750", "0,750", "0,750", "0,750"] in cells
    assert ["Antal fuldtidsstillinger", "0,54", "0,54", "0,54", "0,54"] in cells
    assert "totalerne er ikke omregnet" in text


def test_the_word_catalog_sums_at_one_price_level_like_the_pdf(client, cards, cycle, finance):
    index(cycle, finance, y2025="100", y2026="102.3")
    document = docx.Document(io.BytesIO(fetch(client, cycle, priser="faelles")))
    cells = [[c.text for c in row.cells] for t in document.tables for row in t.rows]
    # 2,000 - 1,250 × 102,3 / 100 = 0,72125 mio. kr., shown 0,721.
    assert ["I alt, netto", "0,721", "0,721", "0,721", "0,721"] in cells
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Totalerne er omregnet til 2026-priser" in text


def test_the_internal_word_catalog_is_for_finance_only(client, cards, cycle, politician, finance):
    client_for(client, politician)
    url = reverse("proposals:catalog_docx", args=[cycle.slug])
    assert client.get(url, {"udgave": "intern"}).status_code == 403
    client_for(client, finance)
    document = docx.Document(io.BytesIO(fetch(client, cycle, udgave="intern")))
    assert ("Heading 2", "T199 Hemmelig kladde") in headings(document)


@needs_libreoffice
def test_libreoffice_opens_the_word_catalog_and_prints_its_text(client, cards, cycle, tmp_path):
    text = printed_text(fetch(client, cycle), tmp_path, "katalog")
    assert "Forslagskatalog, Budget 2026-" in text  # the title wraps at its hyphen
    assert "Testrup Kommune · Budget 2026-2029" in text
    assert "T101 Digital udvikling KOMBIT projekter" in text
    assert "I alt, netto" in text and "0,750" in text


def test_released_answers_follow_their_card_in_the_word_catalog(
    client, cycle, cards, finance, politician_a, department_a, editor_a
):
    from politics.models import Question
    from politics.questions import release_question
    from proposals.models import Proposal
    from tests.politics.answers import ANSWER, answered, revise

    card = Proposal.objects.get(number="T101")
    answered_version = card.version
    release_question(answered(card, by=politician_a, finance=finance, department=department_a,
                              editor=editor_a), by=finance)  # fmt: skip
    answered(card, by=politician_a, finance=finance, department=department_a, editor=editor_a,
             text="Et svar, der ikke er frigivet")  # fmt: skip
    revise(card, finance)
    document = docx.Document(io.BytesIO(fetch(client, cycle)))
    texts = [p.text for p in document.paragraphs]
    start = texts.index("Svar på budgetspørgsmål om forslaget")
    assert texts.index("T101 NIS2, ny udgave") < start < texts.index("R301 Færre vikarer")
    after = texts[start:]
    assert "Spørgsmål 1" in after and ANSWER in after
    assert any(t.startswith(f"Svar givet til version {answered_version} af ") for t in after)
    now = answered_version + 1
    assert f"Svaret gælder en tidligere version. Forslaget er nu i version {now}." in after
    assert "Et svar, der ikke er frigivet" not in texts
    assert Question.objects.count() == 2
