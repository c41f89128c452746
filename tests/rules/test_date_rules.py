"""Rules of typed Danish dates: the forms people write them in, and the sentence for a wrong one."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from budget_portal.dates import parse_danish_date


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("01.01.2026", date(2026, 1, 1)),
        ("1-2-2026", date(2026, 2, 1)),
        ("17/8/2026", date(2026, 8, 17)),
        ("2026-03-31", date(2026, 3, 31)),
        ("1. januar 2026", date(2026, 1, 1)),
        ("  3.   MARTS  2026 ", date(2026, 3, 3)),
        ("5 jun 2026", date(2026, 6, 5)),
        ("5. jul. 2026", date(2026, 7, 5)),
        ("24. dec 2026", date(2026, 12, 24)),
        ("1. sept 2026", date(2026, 9, 1)),
    ],
)
def test_rule_a_date_is_read_as_danes_write_it(typed, meant):
    assert parse_danish_date(typed) == meant


@pytest.mark.parametrize("typed", [None, "", "   "])
def test_rule_an_empty_date_field_means_no_date(typed):
    assert parse_danish_date(typed) is None


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("1. ju 2026", "“1. ju 2026” er ikke en dato: ukendt måned “ju”."),
        ("1. junx 2026", "“1. junx 2026” er ikke en dato: ukendt måned “junx”."),
        ("1. smarts 2026", "“1. smarts 2026” er ikke en dato: ukendt måned “smarts”."),
        ("i morgen", "“i morgen” er ikke en dato. Skriv fx 01.01.2026 eller 1. januar 2026."),
        ("31.02.2026", "“31.02.2026” findes ikke i kalenderen."),
        ("2026-13-01", "“2026-13-01” findes ikke i kalenderen."),
    ],
)
def test_rule_a_wrong_date_is_explained_in_one_danish_sentence(typed, message):
    with pytest.raises(ValidationError) as refused:
        parse_danish_date(typed)
    assert refused.value.messages == [message]
