"""The card list's totals at the cycle's price level: the toggle, the note, the sums."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.urls import reverse

from budget_portal.price_level import FactorRow, replace_price_table
from proposals.models import Proposal, Status
from tests.conftest import client_for
from tests.factories import make_card


def index(cycle, finance, **years):
    rows = [
        FactorRow(int(y[1:]), Decimal(v), "KL's pris- og lønskøn", date(2025, 6, 1))
        for y, v in years.items()
    ]
    replace_price_table(cycle, rows, by=finance, action="Rettet")


def two_cards(finance, department_a, committee):
    # 1.000.000 kr. net a year in 2026 prices, and 1.000.000 kr. in 2025 prices.
    make_card(by=finance, department=department_a, committee=committee, number="T101",
              status=Status.RELEASED)  # fmt: skip
    make_card(by=finance, department=department_a, committee=committee, number="T102",
              price_year=2025, status=Status.RELEASED, service_frame="nej")  # fmt: skip


def test_totals_convert_each_card_from_its_own_price_year(finance, department_a, committee, cycle):
    two_cards(finance, department_a, committee)
    index(cycle, finance, y2025="100", y2026="102.3")
    from budget_portal.price_level import PriceTable

    totals = Proposal.objects.filter(cycle=cycle).totals(cycle, PriceTable.for_cycle(cycle))
    assert totals.converted
    assert totals.all[2026].net == Decimal("2023000")
    assert totals.frame["nej"][2029].net == Decimal("1023000")
    assert totals.frame["ja"][2029].net == 1_000_000


def test_list_offers_the_toggle_and_drops_the_note_when_converted(
    finance, department_a, committee, cycle, client
):
    two_cards(finance, department_a, committee)
    index(cycle, finance, y2025="100", y2026="102.3")
    url = reverse("proposals:list", kwargs={"cycle_slug": cycle.slug})
    page = client.get(url).content.decode()
    assert "totalerne er ikke omregnet" in page
    assert "Vis totalerne i 2026-priser" in page
    assert "?priser=faelles" in page

    converted = client.get(url, {"priser": "faelles"}).content.decode()
    assert "ikke omregnet" not in converted
    assert "Totalerne er omregnet til 2026-priser" in converted
    assert "2,023" in converted  # 1,000 + 1,000 × 102,3 / 100 mio. kr.
    assert "Vis totalerne uden omregning" in converted
    # Each card still shows its own figures and says which prices they are in.
    assert "2025-priser" in converted


def test_the_note_names_the_years_the_index_lacks(finance, department_a, committee, cycle, client):
    two_cards(finance, department_a, committee)
    make_card(by=finance, department=department_a, committee=committee, number="T103",
              price_year=2024, status=Status.RELEASED)  # fmt: skip
    index(cycle, finance, y2025="100", y2026="102.3")
    url = reverse("proposals:list", kwargs={"cycle_slug": cycle.slug})
    page = client.get(url, {"priser": "faelles"}).content.decode()
    assert "Pris- og lønindekset mangler 2024, så totalerne er ikke omregnet." in page
    assert "3,000" in page  # the plain sum, as before


def test_a_changed_index_is_not_served_from_the_citizens_cache(
    finance, department_a, committee, cycle, client
):
    two_cards(finance, department_a, committee)
    index(cycle, finance, y2025="100", y2026="102.3")
    url = reverse("proposals:list", kwargs={"cycle_slug": cycle.slug})
    assert "2,023" in client.get(url, {"priser": "faelles"}).content.decode()
    index(cycle, finance, y2025="100", y2026="110")
    assert "2,100" in client.get(url, {"priser": "faelles"}).content.decode()


def test_the_reading_room_offers_the_same_toggle(
    finance, politician, department_a, committee, cycle, client
):
    two_cards(finance, department_a, committee)
    index(cycle, finance, y2025="100", y2026="102.3")
    client_for(client, politician)
    url = reverse("politics:reading_room", kwargs={"cycle_slug": cycle.slug})
    assert "Vis totalerne i 2026-priser" in client.get(url).content.decode()
    converted = client.get(url, {"priser": "faelles"}).content.decode()
    assert "Totalerne er omregnet til 2026-priser" in converted
    assert "2,023" in converted


def test_the_catalog_pdf_sums_at_one_price_level_when_asked(
    finance, department_a, committee, cycle, client
):
    from tests.proposals.test_publications import fetch_pdf, text_of

    two_cards(finance, department_a, committee)
    index(cycle, finance, y2025="100", y2026="102.3")
    listed = client.get(reverse("proposals:list", kwargs={"cycle_slug": cycle.slug}),
                        {"priser": "faelles"}).content.decode()  # fmt: skip
    pdf_url = reverse("proposals:catalog_pdf", kwargs={"cycle_slug": cycle.slug})
    assert f"{pdf_url}?priser=faelles" in listed
    converted = " ".join(text_of(fetch_pdf(client, f"{pdf_url}?priser=faelles")[0]).split())
    assert "Totalerne er omregnet til 2026-priser" in converted
    assert "2,023" in converted
    plain = " ".join(text_of(fetch_pdf(client, pdf_url)[0]).split())
    assert "totalerne er ikke omregnet" in plain
    assert "2,023" not in plain
