"""Rules of typed Danish numbers a user meets at the field: the whole error sentence, per case."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from budget_portal.numbers import parse_danish_decimal


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("1e6", "“1e6” er ikke et gyldigt tal: skriv tallet helt ud, fx 1.000.000."),
        ("2E9", "“2E9” er ikke et gyldigt tal: skriv tallet helt ud, fx 1.000.000."),
        (
            "12.5",
            "“12.5” er ikke et gyldigt tal: brug komma som decimaltegn, fx 12,5 "
            "(punktum adskiller kun tusinder).",
        ),
        (
            "-1.2500",
            "“-1.2500” er ikke et gyldigt tal: brug komma som decimaltegn, fx 12,5 "
            "(punktum adskiller kun tusinder).",
        ),
        ("1,2,3", "“1,2,3” er ikke et gyldigt tal: der må kun være ét komma."),
        (
            "1.25,0",
            "“1.25,0” er ikke et gyldigt tal: punktum adskiller tusinder i grupper af tre cifre "
            "(fx 1.250.000), og decimaler skrives efter et komma (fx 1.250,5).",
        ),
        ("abc", "“abc” er ikke et gyldigt tal. Skriv fx 1.250,5 eller -0,950."),
    ],
)
def test_rule_a_refused_number_is_explained_in_one_danish_sentence(typed, message):
    with pytest.raises(ValidationError) as refused:
        parse_danish_decimal(typed)
    assert refused.value.messages == [message]


def test_rule_a_sign_separated_by_spaces_still_counts():
    assert parse_danish_decimal("- 0,950") == Decimal("-0.950")
    assert parse_danish_decimal("+ 1.250") == Decimal(1250)
