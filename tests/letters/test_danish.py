"""Letters in good Danish: an amount's "kr." ends the sentence; no "kr.." on page or in PDF."""

from __future__ import annotations

import io

from django.urls import reverse
from pypdf import PdfReader

from letters.models import ExpiringGrant, GrantShortfall
from tests.conftest import client_for


def test_no_double_full_stop_after_kroner_on_the_page_or_in_the_pdf(client, letter, finance):
    open_grant = ExpiringGrant.objects.create(letter=letter, name="Ungdomsskolen",
                                              decision_body="byrådet", position=2)  # fmt: skip
    GrantShortfall.objects.create(grant=open_grant, year=2027, amount=None)
    client_for(client, finance)
    html = client.get(letter.get_absolute_url()).content.decode()
    assert "kr.." not in html
    assert "Bevilget af byrådet 17. august 2023: 6.600.000 kr." in html
    assert "Mangler i 2027: ikke opgjort; Mangler i 2028: 2.000.000 kr." in " ".join(html.split())
    assert "Bevilget af byrådet." in html  # no amount: the sentence still ends
    assert "Mangler i 2027: ikke opgjort." in html

    client.get(letter.get_absolute_url())
    client.post(reverse("letters:release", args=[letter.cycle.slug, letter.pk]))
    pdf = client.get(reverse("letters:pdf", args=[letter.cycle.slug, letter.pk]), follow=True)
    reader = PdfReader(io.BytesIO(b"".join(pdf.streaming_content)))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "6.600.000 kr." in text
    assert "kr.." not in text.replace("\n", "")
