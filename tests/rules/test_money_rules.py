"""Rules of money as a user types and reads it: whole kroner, the cycle's unit, Danish notation."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from budget_portal.money import (
    MAX_KRONER,
    format_decimal,
    format_fte,
    format_kr,
    format_mio,
    in_unit,
    kroner_input,
    to_kroner,
)


@pytest.mark.parametrize(
    ("typed", "unit", "kroner"),
    [
        ("2.5", "mio", 2_500_000),
        ("0.000001", "mio", 1),
        ("1.25", "t", 1_250),
        ("-7", "kr", -7),
        (None, "mio", None),
    ],
)
def test_rule_an_amount_in_the_cycles_unit_is_stored_in_whole_kroner(typed, unit, kroner):
    value = None if typed is None else Decimal(typed)
    assert to_kroner(value, unit) == kroner


@pytest.mark.parametrize(
    ("typed", "unit", "message"),
    [
        (
            "0.0000005",
            "mio",
            "Beløbet kan ikke være mere præcist end hele kroner (højst 6 decimaler i mio. kr.).",
        ),
        (
            "1.0005",
            "t",
            "Beløbet kan ikke være mere præcist end hele kroner (højst 3 decimaler i 1.000 kr.).",
        ),
        (
            "0.5",
            "kr",
            "Beløbet kan ikke være mere præcist end hele kroner (højst 0 decimaler i kr.).",
        ),
    ],
)
def test_rule_a_fraction_of_a_krone_is_refused_with_the_units_precision(typed, unit, message):
    with pytest.raises(ValidationError) as refused:
        to_kroner(Decimal(typed), unit)
    assert refused.value.messages == [message]


def test_rule_an_unreasonably_large_amount_is_refused_either_sign():
    assert to_kroner(Decimal(MAX_KRONER - 1), "kr") == MAX_KRONER - 1
    for kroner in (MAX_KRONER, -MAX_KRONER):
        with pytest.raises(ValidationError) as refused:
            to_kroner(Decimal(kroner), "kr")
        assert refused.value.messages == ["Beløbet er urimeligt stort."]


@pytest.mark.parametrize(
    ("value", "places", "shown"),
    [
        (0, 0, "0"),
        (999, 0, "999"),
        (1000, 0, "1.000"),
        (1_250_000, 0, "1.250.000"),
        (-1_250_000, 0, "-1.250.000"),
        (Decimal("1250000.5"), 0, "1.250.001"),
        (Decimal("-1250000.5"), 0, "-1.250.001"),
        (Decimal("-0.4"), 0, "0"),
        (Decimal("2.5"), 3, "2,500"),
        (Decimal("1234.5678"), 2, "1.234,57"),
    ],
)
def test_rule_numbers_are_shown_danish_and_rounded_half_away_from_zero(value, places, shown):
    assert format_decimal(value, places) == shown


def test_rule_amounts_are_shown_in_the_cycles_unit():
    assert in_unit(2_000_000, "mio") == "2,000"
    assert in_unit(2_345_678, "mio", 1) == "2,3"
    assert in_unit(1_250_500, "t") == "1.251"
    assert in_unit(1_250_500, "kr") == "1.250.500"
    assert in_unit(None, "mio") == ""
    assert format_kr(1_250_000) == "1.250.000 kr."
    assert format_kr(None) == ""
    assert format_mio(2_000_000) == "2,000 mio. kr."
    assert format_mio(2_345_678, 1) == "2,3 mio. kr."
    assert format_mio(None) == ""


def test_rule_a_stored_amount_goes_back_into_the_form_exactly():
    assert kroner_input(2_000_000, "mio") == "2,000"
    assert kroner_input(1_234_567, "mio") == "1,234567"
    assert kroner_input(1_250, "t") == "1,25"
    assert kroner_input(-1_250_000, "kr") == "-1.250.000"
    assert kroner_input(None, "mio") == ""


def test_rule_fte_are_shown_bare_when_whole_and_with_a_comma_otherwise():
    assert format_fte(Decimal("1.00")) == "1"
    assert format_fte(Decimal("0.54")) == "0,54"
    assert format_fte(Decimal("12.50")) == "12,5"
    assert format_fte(Decimal("1000")) == "1.000"
    assert format_fte(None) == ""
