from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from budget_portal.dates import parse_danish_date
from budget_portal.money import format_decimal
from budget_portal.numbers import parse_danish_decimal


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.250,5", Decimal("1250.5")),
        ("1.250.000", Decimal("1250000")),
        ("2,000", Decimal("2.000")),
        ("-0,950", Decimal("-0.950")),
        ("\u22120,950", Decimal("-0.950")),
        ("- 0,95", Decimal("-0.95")),
        ("0", Decimal("0")),
        ("  12  ", Decimal("12")),
        ("1250", Decimal("1250")),
        ("", None),
        ("   ", None),
    ],
)
def test_accepts_danish_numbers(text, expected):
    assert parse_danish_decimal(text) == expected


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("1.250.000.50", "punktum adskiller tusinder"),
        ("1e6", "skriv tallet helt ud"),
        ("12.5", "brug komma som decimaltegn"),
        ("1,2,3", "kun være ét komma"),
        ("12.50", "brug komma som decimaltegn"),
        ("1.25,0", "punktum adskiller tusinder"),
        ("abc", "ikke et gyldigt tal"),
        ("x,xxx", "ikke et gyldigt tal"),
        ("1 000", "ikke et gyldigt tal"),
    ],
)
def test_refuses_ambiguous_numbers_with_a_danish_reason(text, hint):
    with pytest.raises(ValidationError) as exc:
        parse_danish_decimal(text)
    assert hint in exc.value.messages[0]
    assert text in exc.value.messages[0]


@given(
    st.decimals(min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=3, allow_nan=False)
)
def test_formatted_numbers_parse_back_exactly(value):
    assert parse_danish_decimal(format_decimal(value, 3)) == value


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("01.01.2026", "2026-01-01"),
        ("1. januar 2026", "2026-01-01"),
        ("15. oktober 2025", "2025-10-15"),
        ("2026-07-01", "2026-07-01"),
        ("29-02-2024", "2024-02-29"),
    ],
)
def test_reads_danish_dates(text, iso):
    assert parse_danish_date(text).isoformat() == iso


@pytest.mark.parametrize("text", ["31.02.2026", "1. jan 2026x", "1. frobruar 2026", "2026"])
def test_refuses_non_dates(text):
    with pytest.raises(ValidationError):
        parse_danish_date(text)
