"""Form fields for the portal's Danish input: amounts in a cycle's unit (whole kroner out),
årsværk with at most two decimals, and dates written the Danish way. Cards, letters and
amendments use the same fields, so a figure is parsed and refused the same way everywhere."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from budget_portal import money
from budget_portal.dates import parse_danish_date
from budget_portal.numbers import parse_danish_decimal

MAX_FTE = Decimal(100_000)


class AmountField(forms.CharField):
    """An amount typed in the cycle's unit ("2,000" mio. kr.); cleans to whole kroner or None."""

    def __init__(self, *, unit: str, **kwargs):
        self.unit = unit
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 30)
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "autocomplete": "off"})

    def prepare_value(self, value):
        if isinstance(value, int):
            return money.kroner_input(value, self.unit)
        return value

    def clean(self, value):
        text = super().clean(value)
        return money.to_kroner(parse_danish_decimal(text), self.unit)


class FteField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 12)
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "autocomplete": "off"})

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return money.format_fte(value)
        return value

    def clean(self, value):
        number = parse_danish_decimal(super().clean(value))
        if number is None:
            return None
        if number != number.quantize(Decimal("0.01")):
            raise ValidationError(_("Årsværk kan højst have to decimaler, fx 0,54."))
        if abs(number) >= MAX_FTE:
            raise ValidationError(_("Årsværk er urimeligt stort."))
        return number


class DanishDateField(forms.CharField):
    def prepare_value(self, value):
        if hasattr(value, "year"):
            return date_format(value, "d.m.Y")
        return value

    def clean(self, value):
        return parse_danish_date(super().clean(value))
