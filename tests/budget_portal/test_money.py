from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from budget_portal.money import (
    format_decimal,
    format_fte,
    format_kr,
    format_mio,
    in_unit,
    kroner_input,
    to_kroner,
)


def test_card_amounts_show_three_decimals_in_millions():
    assert in_unit(2_000_000, "mio") == "2,000"
    assert in_unit(423_000, "mio") == "0,423"
    assert in_unit(-950_000, "mio") == "-0,950"
    assert in_unit(1_250_000_000, "mio") == "1.250,000"


def test_prose_amounts():
    assert format_kr(1_250_000) == "1.250.000 kr."
    assert format_mio(2_000_000) == "2,000 mio. kr."
    assert in_unit(155_938, "t") == "156"


def test_display_rounds_half_away_from_zero_like_excel():
    assert format_decimal(Decimal("2946.55"), 1) == "2.946,6"
    assert format_decimal(Decimal("-0.0005"), 3) == "-0,001"
    # Python round() gives 2 for 2.5 (banker's rounding); a budget table shows 3.
    assert in_unit(2_500, "t") == "3"


def test_entered_amounts_become_exact_kroner():
    assert to_kroner(Decimal("2.000"), "mio") == 2_000_000
    assert to_kroner(Decimal("0.245"), "mio") == 245_000


def test_fractions_of_a_krone_are_refused():
    with pytest.raises(ValidationError, match="hele kroner"):
        to_kroner(Decimal("0.0000015"), "mio")
    with pytest.raises(ValidationError, match="hele kroner"):
        to_kroner(Decimal("1.5"), "kr")


def test_form_values_are_exact_not_rounded():
    assert kroner_input(2_000_000, "mio") == "2,000"
    assert kroner_input(1_234_567, "mio") == "1,234567"
    assert kroner_input(None, "mio") == ""


def test_fte_shows_like_the_cards():
    assert format_fte(Decimal("0.54")) == "0,54"
    assert format_fte(Decimal("1.00")) == "1"
    assert format_fte(Decimal("0")) == "0"


def test_in_unit_rounds_as_decimal_half_up_for_every_unit_and_place():
    """in_unit works in whole steps of kroner; it must give what the Decimal rule gives."""
    import random

    from budget_portal.money import UNIT_FACTOR, format_decimal

    rng = random.Random(15)
    values = [0, 1, -1, 499, 500, -500, 501, 1_499, 1_500, -1_500, 999_999, -999_500, 10**14]
    values += [rng.randint(-(10**12), 10**12) for _ in range(3_000)]
    values += [rng.randint(-10_000, 10_000) * 500 for _ in range(500)]  # exact halves
    for unit, factor in UNIT_FACTOR.items():
        for places in (None, 0, 1, 2, 3, 4):
            shown = 3 if places is None and unit == "mio" else (places or 0)
            for kroner in values:
                expected = format_decimal(Decimal(kroner) / factor, shown)
                assert in_unit(kroner, unit, places) == expected, (kroner, unit, places)
