"""A year's figures as entered: expenses, revenues (negative) and årsværk; None is not yet
known. What a service takes to write a card's, a letter's or an amendment's years."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class YearValues:
    expenses: int | None
    revenues: int | None
    fte: Decimal | None
