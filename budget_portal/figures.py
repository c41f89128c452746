"""A year's figures: as entered (expenses, revenues negative, årsværk; None is not yet known,
what a service takes to write a card's, a letter's or an amendment's years), the one rule for
their net, and a sum of many years."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class YearValues:
    expenses: int | None
    revenues: int | None
    fte: Decimal | None


def net_of(expenses: int | Decimal | None, revenues: int | Decimal | None):
    """Netto = udgifter + indtægter (revenues are negative); unknown if either is. The one
    definition: a card's year, a sum of years, a revision's snapshot, the Excel preview, a
    scenario's shares (Decimal) and an amendment's years use it."""
    if expenses is None or revenues is None:
        return None
    return expenses + revenues


@dataclass
class YearSum:
    """A sum of years: whole kroner, or unrounded Decimal kroner at one price level; UNKNOWN
    counts the years summed whose figures are not yet known."""

    expenses: int | Decimal = 0
    revenues: int | Decimal = 0
    fte: Decimal = Decimal(0)
    unknown: int = 0

    @property
    def net(self) -> int | Decimal:
        return net_of(self.expenses, self.revenues)

    @property
    def complete(self) -> bool:
        return self.unknown == 0

    def add(self, expenses: int | None, revenues: int | None, fte, unknown: int) -> None:
        self.expenses += expenses or 0
        self.revenues += revenues or 0
        self.fte += fte or 0
        self.unknown += unknown
