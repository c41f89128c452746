"""The amendments as Word: a heading per amendment, its party, cards and text, and a table of
its amounts in the cycle's unit, for finance only; LibreOffice prints the same text."""

from __future__ import annotations

import io

import docx
import pytest
from django.urls import reverse

from audit.models import Action, AuditEvent
from tests.conftest import client_for
from tests.libreoffice import needs_libreoffice, printed_text
from tests.politics.test_amendments import _page, deadline, form  # noqa: F401 - fixture


@pytest.mark.usefixtures("deadline")
def test_finance_downloads_the_amendments_as_word_with_their_amounts(
    client, cycle, seed_cards, politician_a, finance
):
    client_for(client, politician_a)
    _page(client, cycle)
    client.post(reverse("politics:amendments", args=[cycle.slug]), form(seed_cards))
    url = reverse("politics:amendments_docx", args=[cycle.slug])
    assert client.get(url).status_code == 403  # a party reads its own on the page

    client_for(client, finance)
    page = client.get(reverse("politics:amendments", args=[cycle.slug])).content.decode()
    assert f'href="{url}"' in page
    answer = client.get(url)
    assert answer["Cache-Control"] == "private, no-store"
    document = docx.Document(io.BytesIO(answer.content))
    styled = [(p.style.name, p.text) for p in document.paragraphs]
    assert ("Heading 1", "Ændringsforslag 1: Bevar NIS2 fuldt ud") in styled
    text = "\n".join(t for _s, t in styled)
    assert "Socialdemokratiet" in text and "Forslag: T105" in text
    assert "Vi ønsker hele beløbet." in text
    table = [[cell.text for cell in row.cells] for row in document.tables[0].rows]
    assert table[0][:3] == ["Mio. kr., 2026-priser", "2026", "2027"]  # typed at the cycle's level
    assert table[3][:3] == ["Netto", "0,500", "0,400"]
    assert AuditEvent.objects.filter(action=Action.EXPORTED, actor=finance).exists()


@pytest.mark.usefixtures("deadline")
@needs_libreoffice
def test_libreoffice_prints_the_amendments_word_file(
    client, cycle, seed_cards, politician_a, finance, tmp_path
):
    client_for(client, politician_a)
    _page(client, cycle)
    client.post(reverse("politics:amendments", args=[cycle.slug]), form(seed_cards))
    client_for(client, finance)
    data = client.get(reverse("politics:amendments_docx", args=[cycle.slug])).content
    text = printed_text(data, tmp_path, "aendringsforslag")
    assert "Ændringsforslag 1: Bevar NIS2 fuldt ud" in text and "Vi ønsker hele beløbet." in text
    assert "Netto 0,500 0,400" in text
