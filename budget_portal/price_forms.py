"""Finance's form for the price and wage index: one row per year, blank rows left out."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from budget_portal import forms as portal_forms
from budget_portal.fields import DanishDateField
from budget_portal.models import BudgetCycle, PriceFactor
from budget_portal.price_level import FactorRow, parse_index

# Years offered beside those already in the table or on a card: the base year's neighbours.
YEARS_BEFORE, YEARS_AFTER = 4, 1


@dataclass(frozen=True)
class YearFields:
    year: int
    index: forms.BoundField
    source: forms.BoundField
    published_on: forms.BoundField


class PriceTableForm(portal_forms.Form):
    """Index, source and date for each year; a year with all three empty has no index."""

    def __init__(self, *args, cycle: BudgetCycle, card_years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.cycle = cycle
        factors = {f.year: f for f in PriceFactor.objects.filter(cycle=cycle)}
        base = cycle.price_year
        self.years = sorted(
            set(range(base - YEARS_BEFORE, base + YEARS_AFTER + 1)) | set(factors) | set(card_years)
        )
        for year in self.years:
            factor = factors.get(year)
            self.fields[f"index_{year}"] = forms.CharField(
                label=_("Indeks %(y)s") % {"y": year},
                required=False,
                max_length=20,
                initial=_index_text(factor),
                widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
            )
            self.fields[f"source_{year}"] = forms.CharField(
                label=_("Kilde %(y)s") % {"y": year},
                required=False,
                max_length=200,
                initial=factor.source if factor else "",
            )
            self.fields[f"published_on_{year}"] = DanishDateField(
                label=_("Dato for skønnet %(y)s") % {"y": year},
                required=False,
                max_length=30,
                initial=factor.published_on if factor else None,
            )

    def rows(self) -> list[YearFields]:
        return [
            YearFields(
                year,
                self[f"index_{year}"],
                self[f"source_{year}"],
                self[f"published_on_{year}"],
            )
            for year in self.years
        ]

    def clean(self):
        data = super().clean()
        table: list[FactorRow] = []
        for year in self.years:
            names = (f"index_{year}", f"source_{year}", f"published_on_{year}")
            refused = [name for name in names if name in self.errors]
            index, source, published_on = (data.get(name) for name in names)
            if not refused and not index and not source and published_on is None:
                continue  # a blank row: no index for that year
            value = None
            if names[0] not in refused:
                try:
                    value = parse_index(index or "")
                except ValidationError as exc:
                    self.add_error(names[0], exc)
            if names[1] not in refused and not source:
                self.add_error(
                    names[1], _("Skriv, hvor indekset for %(y)s kommer fra.") % {"y": year}
                )
            if names[2] not in refused and published_on is None:
                self.add_error(names[2], _("Skriv datoen for skønnet, fx 15.06.2025."))
            if not any(name in self.errors for name in names):
                table.append(FactorRow(year, value, source, published_on))
        data["table"] = table
        return data


def _index_text(factor: PriceFactor | None) -> str:
    if factor is None:
        return ""
    return format(factor.index.normalize(), "f").replace(".", ",")
