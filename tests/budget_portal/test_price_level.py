"""One price level: conversion between years' prices by the cycle's pris- og lønindeks."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from budget_portal import money
from budget_portal.models import PriceFactor
from budget_portal.price_level import (
    FactorRow,
    MissingYears,
    PriceTable,
    replace_price_table,
    whole_kroner,
)

# KL's skøn as a municipality writes it down: 2024 = 97,9, 2025 = 100,0, 2026 = 102,3.
TABLE = PriceTable(
    base_year=2026,
    index={2024: Decimal("97.9"), 2025: Decimal("100.0"), 2026: Decimal("102.3")},
)


def test_a_2025_price_card_in_2026_prices_by_hand():
    # By hand: 1.250.000 kr. × 102,3 / 100,0 = 1.278.750 kr.; -250.000 × 1,023 = -255.750 kr.;
    # netto 1.000.000 × 1,023 = 1.023.000 kr., shown as 1,023 mio. kr.
    expenses = TABLE.convert(1_250_000, 2025)
    revenues = TABLE.convert(-250_000, 2025)
    assert expenses == Decimal("1278750")
    assert revenues == Decimal("-255750")
    assert money.in_unit(expenses + revenues, "mio") == "1,023"


def test_conversion_is_rounded_once_and_half_up():
    # 1.000.000 kr. in 2024 prices: × 102,3 / 97,9 = 1.044.943,8202... kr.
    converted = TABLE.convert(1_000_000, 2024)
    assert converted.quantize(Decimal("0.0001")) == Decimal("1044943.8202")
    assert whole_kroner(converted) == 1_044_944
    # Rounding each card first would lose the øre the sum keeps: 3 × 0,5 kr. is 1,5 kr., not 3.
    half = PriceTable(base_year=2026, index={2025: Decimal(2), 2026: Decimal(1)})
    assert whole_kroner(sum(half.convert(1, 2025) for _ in range(3))) == 2
    assert whole_kroner(Decimal("2.5")) == 3
    assert whole_kroner(Decimal("-2.5")) == -3


def test_back_and_forth_gives_the_figure_again():
    to_2025 = TABLE.to_year(2025)
    assert whole_kroner(to_2025.convert(TABLE.convert(333_333, 2025), 2026)) == 333_333


def test_unknown_stays_unknown_and_the_base_year_is_unchanged():
    assert TABLE.convert(None, 2025) is None
    assert TABLE.convert(7, 2026) == 7
    assert PriceTable(base_year=2026).convert(7, 2026) == 7


def test_missing_years_are_named():
    assert TABLE.missing([2025, 2026]) == []
    assert TABLE.missing([2023, 2025, 2022]) == [2022, 2023]
    # A table without the base year cannot convert anything into it.
    assert PriceTable(base_year=2027, index=TABLE.index).missing([2025]) == [2027]
    # Cards all in the base year need no table at all.
    assert PriceTable(base_year=2026).missing([2026]) == []
    with pytest.raises(MissingYears) as raised:
        TABLE.convert(1, 2023)
    assert raised.value.years == [2023]


def test_replacing_the_table_keeps_each_state_as_a_revision(cycle, finance):
    row = FactorRow(2025, Decimal("100"), "KL's pris- og lønskøn", date(2025, 6, 1))
    replace_price_table(cycle, [row], by=finance, action="Rettet")
    second = replace_price_table(
        cycle,
        [row, FactorRow(2026, Decimal("102.30"), "KL, juni 2025", date(2025, 6, 15))],
        by=finance,
        action="Importeret fra Excel",
    )
    assert second.number == 2
    assert second.snapshot["years"]["2026"] == {
        "index": "102.3",
        "source": "KL, juni 2025",
        "published_on": "2025-06-15",
    }
    assert [r.number for r in cycle.price_revisions.all()] == [2, 1]
    assert list(PriceFactor.objects.filter(cycle=cycle).values_list("year", flat=True)) == [
        2025,
        2026,
    ]
    assert PriceTable.for_cycle(cycle).convert(1_000_000, 2025) == Decimal("1023000")
