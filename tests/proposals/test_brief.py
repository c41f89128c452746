""" "Budget i korte træk": the phase and next dates, totals, the largest cards, the service
frame split, open hearings and the charts, on a public page and on one PDF page."""

from __future__ import annotations

import io
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from budget_portal.models import Milestone, MilestoneKind
from proposals.models import Status
from tests.factories import make_card
from tests.proposals.test_price_level_totals import index


def world(finance, department_a, committee, cycle):
    for n, net in enumerate([300_000, -2_500_000, 1_000_000, 50_000, 700_000, 90_000], 1):
        make_card(by=finance, department=department_a, committee=committee, number=f"T10{n}",
                  net=net, status=Status.RELEASED, service_frame="nej" if n == 2 else "ja",
                  price_year=2025 if n == 3 else None)  # fmt: skip
    make_card(by=finance, department=department_a, committee=committee, number="T199",
              title="Hemmelig kladde", net=9_000_000)  # fmt: skip
    Milestone.objects.create(cycle=cycle, kind=MilestoneKind.MEETING, title="Budgetseminar",
                             starts_on=timezone.localdate() + timedelta(days=10))  # fmt: skip


def test_the_brief_shows_the_process_the_totals_and_the_largest_cards(
    client, finance, department_a, committee, cycle, hearing
):
    world(finance, department_a, committee, cycle)
    index(cycle, finance, y2025="100", y2026="102.3")
    page = client.get(reverse("proposals:brief", args=[cycle.slug])).content.decode()
    assert "Budget i korte træk" in page
    assert "Næste: Budgetseminar" in page
    # Six cards here and the hearing's R101 (-2,0 mio. kr.); the draft is not counted.
    assert "7 frigivne forslag i alt" in page
    # 0,3 - 2,5 + 1,0 × 1,023 + 0,05 + 0,7 + 0,09 - 2,0 = -2,337 mio. kr. at 2026 prices.
    assert "Totalerne er omregnet til 2026-priser" in page
    assert "<strong>-2,337</strong>" in page
    largest = page[page.index("De største forslag") :].split("</table>")[0]
    order = [largest.index(n) for n in ("T102", "R101", "T103", "T105", "T101")]
    assert order == sorted(order)
    assert "T106" not in largest and "T104" not in largest  # only the five largest
    assert "Hemmelig kladde" not in page
    assert hearing.title in page
    assert "Netto pr. år inden for og uden for servicerammen" in page
    assert page.count("<svg") == 2


def test_the_brief_pdf_is_one_page_with_the_same_content(
    client, finance, department_a, committee, cycle, hearing
):
    world(finance, department_a, committee, cycle)
    response = client.get(reverse("proposals:brief_pdf", args=[cycle.slug]))
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    assert "Budget i korte træk" in text
    assert "De største forslag" in text and "T102" in text
    assert "Netto pr. år fordelt på udvalg" in text


def test_the_front_page_links_to_the_brief(client, cycle):
    page = client.get(reverse("home")).content.decode()
    assert reverse("proposals:brief", args=[cycle.slug]) in page
