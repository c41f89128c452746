"""Rules of the error codes the Danish input fields give: a form, a view or an import can ask
which kind of mistake a field holds (`form.has_error(field, code)`) without reading the
Danish sentence, which may be reworded."""

from __future__ import annotations

import pytest
from django import forms

from budget_portal.fields import AmountField, DanishDateField


class Figures(forms.Form):
    amount = AmountField(unit="mio")
    start_date = DanishDateField(required=False)


@pytest.mark.parametrize(
    ("field", "typed", "code"),
    [
        ("start_date", "1. jxnuar 2026", "invalid_date"),  # no such month
        ("start_date", "1. ju 2026", "invalid_date"),  # "ju" could be juni or juli
        ("start_date", "første januar", "invalid_date"),  # no date at all
        ("start_date", "31.02.2026", "invalid_date"),  # not in the calendar
        ("amount", "1,2x", "invalid_number"),
        ("amount", "0,0000001", "fraction_of_krone"),
        ("amount", "9.000.000.000", "too_large"),
    ],
)
def test_rule_each_kind_of_wrong_input_carries_its_code(field, typed, code):
    form = Figures(data={field: typed})
    assert not form.is_valid()
    assert form.has_error(field, code), form.errors.as_data()


def test_rule_right_input_carries_no_error():
    form = Figures(data={"amount": "-2,000", "start_date": "1. januar 2026"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["amount"] == -2_000_000
