"""Rules of a card's revisions (proposals/revisions.py): what a revision keeps of the card, and
the side-by-side comparison of two versions a reader sees, field by field and year by year, in
Danish words and numbers (found by mutation testing: the comparison was read for a changed
title and amount, never for every field)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from budget_portal.price_level import PriceTable
from proposals.models import ProposalYear
from proposals.revisions import at_one_price_level, changed_labels, compare, snapshot
from tests.factories import CommitteeFactory, DepartmentFactory, make_card

pytestmark = pytest.mark.django_db


@pytest.fixture
def versions(cycle, finance, department_a, committee):
    card = make_card(
        by=finance,
        department=department_a,
        committee=committee,
        number="R101",
        title="Lukning af svømmehal",
        net=-2_000_000,
        fte="1.5",
        service_frame="ja",
    )
    before = snapshot(card)
    card.number, card.title, card.kind = "A101", "Ny svømmehal", "A"
    card.committee = CommitteeFactory(cycle=cycle, number=9, name="Kultur- og fritidsudvalget")
    card.department = DepartmentFactory(cycle=cycle, name="Kultur og Fritid")
    card.status, card.price_year = "indsendt", cycle.price_year - 1
    card.start_date = date(2026, 8, 1)
    card.service_frame, card.service_frame_note = "delvis", "Halvdelen i rammen."
    card.pending_note, card.background = "Afventer tilbud.", "Hallen er nedslidt."
    card.consequences = "Driften falder."
    first = cycle.year_range[0]
    years = [
        ProposalYear(proposal=card, year=first, expenses=3_250_000, revenues=-250_000, fte=None),
        *[
            ProposalYear(proposal=card, year=y, expenses=None, revenues=0, fte=Decimal("0.50"))
            for y in cycle.year_range[1:]
        ],
    ]
    return before, snapshot(card, years), first


def test_rule_a_revision_keeps_the_card_by_names_and_its_years_as_plain_values(versions, cycle):
    _before, after, first = versions
    assert {k: v for k, v in after.items() if k != "years"} == {
        "number": "A101",
        "title": "Ny svømmehal",
        "kind": "A",
        "committee": "Kultur- og fritidsudvalget",
        "department": "Kultur og Fritid",
        "status": "indsendt",
        "price_year": cycle.price_year - 1,
        "start_date": "2026-08-01",
        "service_frame": "delvis",
        "service_frame_note": "Halvdelen i rammen.",
        "pending_note": "Afventer tilbud.",
        "background": "Hallen er nedslidt.",
        "consequences": "Driften falder.",
        "unit": cycle.display_unit,
    }
    assert list(after["years"]) == [str(y) for y in cycle.year_range]
    assert after["years"][str(first)] == {"expenses": 3_250_000, "revenues": -250_000, "fte": None}
    assert after["years"][str(first + 1)] == {"expenses": None, "revenues": 0, "fte": "0.5"}


def test_rule_two_versions_compare_field_by_field_in_danish(versions, cycle):
    before, after, first = versions
    rows = {row.key: row for row in compare(before, after)}
    fields = [(r.label, r.old, r.new, r.long) for r in compare(before, after)][:13]
    assert fields == [
        ("Nr.", "R101", "A101", False),
        ("Titel", "Lukning af svømmehal", "Ny svømmehal", False),
        ("Type", "Reduktionsforslag", "Anlægsforslag", False),
        ("Udvalg", "Økonomiudvalget", "Kultur- og fritidsudvalget", False),
        ("Afdeling", before["department"], "Kultur og Fritid", False),
        ("Status", "Kladde", "Indsendt", False),
        ("Prisniveau", str(cycle.price_year), str(cycle.price_year - 1), False),
        ("Iværksættelsestidspunkt", "–", "1. august 2026", False),
        ("Inden for servicerammen", "Ja", "Delvis", False),
        ("Bemærkning til servicerammen", "–", "Halvdelen i rammen.", False),
        ("Note om manglende tal", "–", "Afventer tilbud.", False),
        ("Baggrund og beskrivelse", "Baggrund.", "Hallen er nedslidt.", True),
        ("Økonomiske konsekvenser", "Konsekvenser.", "Driften falder.", True),
    ]
    year = str(first)
    assert [
        (rows[f"{n}:{year}"].label, rows[f"{n}:{year}"].old, rows[f"{n}:{year}"].new)
        for n in ("expenses", "revenues", "net", "fte")
    ] == [
        (f"Udgifter {year}", "-2,000", "3,250"),
        (f"Indtægter {year}", "0,000", "-0,250"),
        (f"Netto {year}", "-2,000", "3,000"),
        (f"Årsværk {year}", "1,5", "–"),
    ]
    later = str(first + 1)
    assert (rows[f"net:{later}"].new, rows[f"fte:{later}"].new) == ("–", "0,5")
    # The years come after the fields: each measure year by year, net before årsværk.
    keys = [r.key for r in compare(before, after)][13:]
    assert keys[: len(cycle.year_range)] == [f"expenses:{y}" for y in cycle.year_range]
    assert keys[-len(cycle.year_range) :] == [f"fte:{y}" for y in cycle.year_range]


def test_rule_a_revision_names_what_changed_and_a_first_one_nothing(versions):
    before, after, first = versions
    assert changed_labels(None, after) == []
    assert changed_labels(before, before) == []
    labels = changed_labels(before, after)
    assert labels[:3] == ["Nr.", "Titel", "Type"]
    assert f"Netto {first}" in labels and f"Årsværk {first}" in labels


def test_rule_a_version_missing_years_or_unit_still_compares(versions, cycle):
    before, after, first = versions
    oldest = {k: v for k, v in before.items() if k not in ("unit", "years")}
    rows = {r.key: r for r in compare(oldest, after)}
    assert (rows[f"expenses:{first}"].old, rows[f"expenses:{first}"].new) == ("–", "3,250")
    fewer = after | {"years": {str(first): after["years"][str(first)]}}
    rows = {r.key: r for r in compare(fewer, oldest | {"unit": "t"})}
    assert (rows[f"net:{first}"].old, rows[f"net:{first}"].new) == ("3.000", "–")
    assert f"net:{first + 1}" not in rows  # a year neither version has is not shown
    without_unit = {k: v for k, v in fewer.items() if k != "unit"}
    assert {r.key: r for r in compare(without_unit, without_unit)}[f"net:{first}"].old == "3,000"
    assert [r.key for r in compare(fewer, fewer)][13:] == [
        f"{n}:{first}" for n in ("expenses", "revenues", "net", "fte")
    ]


def test_rule_versions_in_different_prices_are_compared_at_the_newer_s_level_or_said_not_to_be(
    versions,
):
    before, after, first = versions
    old = before | {"price_year": 2025}
    new = after | {"price_year": 2026}
    table = PriceTable(base_year=2026, index={2025: Decimal("100"), 2026: Decimal("102.3")})
    converted, note = at_one_price_level(old, new, table, numbers=(1, 2))
    assert note == (
        "Version 1 er i 2025-priser; dens beløb er her omregnet til 2026-priser med "
        "pris- og lønindekset, så de kan sammenlignes med version 2."
    )
    year = converted["years"][str(first)]
    assert (year["expenses"], year["revenues"]) == (Decimal("-2046000"), Decimal("0"))
    assert year["fte"] == before["years"][str(first)]["fte"]
    unchanged, missing = at_one_price_level(old, new, PriceTable(base_year=2026), numbers=(1, 2))
    assert unchanged is old
    assert missing == (
        "Version 1 er i 2025-priser og version 2 i 2026-priser. Beløbene er ikke omregnet: "
        "pris- og lønindekset mangler 2025, 2026."
    )
    assert at_one_price_level(after, after, table, numbers=(2, 2)) == (after, "")
    assert at_one_price_level(old | {"price_year": None}, new, table, numbers=(1, 2))[1] == ""
