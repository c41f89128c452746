"""Two versions of a card in different price levels are compared at one price level."""

from __future__ import annotations

from django.urls import reverse

from tests.conftest import client_for
from tests.factories import make_card
from tests.proposals.test_editing import edit_url, form_data
from tests.proposals.test_price_level_totals import index


def repriced(client, finance, department_a, committee):
    # 1.000.000 kr. a year in 2025 prices, then restated as 1.023.000 kr. in 2026 prices.
    card = make_card(by=finance, department=department_a, committee=committee, number="T101",
                     price_year=2025)  # fmt: skip
    client_for(client, finance)
    data = form_data(client, card) | {"price_year": "2026"}
    data |= {f"expenses_{y}": "1,023" for y in card.cycle.year_range}
    client.post(edit_url(card), data)
    url = reverse(
        "proposals:compare", kwargs={"cycle_slug": card.cycle.slug, "number": card.number}
    )
    return client.get(url, {"fra": 1, "til": 2, "kun": "aendringer"})


def test_a_restated_card_shows_no_change_in_its_amounts(
    client, finance, department_a, committee, cycle
):
    index(cycle, finance, y2025="100", y2026="102.3")
    response = repriced(client, finance, department_a, committee)
    rows = {row.label: (row.old, row.new) for row in response.context["rows"]}
    assert rows == {"Prisniveau": ("2025", "2026")}
    assert "Version 1 er i 2025-priser; dens beløb er her omregnet til 2026-priser" in (
        response.content.decode()
    )


def test_without_the_index_the_amounts_differ_and_the_note_says_why(
    client, finance, department_a, committee, cycle
):
    index(cycle, finance, y2026="102.3")
    response = repriced(client, finance, department_a, committee)
    rows = {row.label: (row.old, row.new) for row in response.context["rows"]}
    assert rows["Udgifter 2026"] == ("1,000", "1,023")
    assert "ikke omregnet: pris- og lønindekset mangler 2025." in response.content.decode()
