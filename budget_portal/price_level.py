"""One price level: a cycle's price and wage index (KL's pris- og lønskøn), the one place
amounts are converted between years' prices, and the verb that changes the table.

An amount in year A's prices is in year B's prices times index[B] / index[A]. Conversion is
Decimal and unrounded (multiplied before it is divided, so a sum converts exactly to 28
significant digits, far below one øre); it is rounded once, where it is shown (money.py,
half up) or where whole kroner are stored or exported (`whole_kroner`, half up).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.db.models import Max
from django.http import HttpRequest

from budget_portal.models import BudgetCycle, PriceFactor, PriceTableRevision

# The card list, reading room and catalog take ?priser=faelles to show every total at the
# cycle's price level; without it they show the cards' own figures.
PRICE_PARAM = "priser"
COMMON = "faelles"


class MissingYears(ValueError):
    """The table has no index for some years an amount is in."""

    def __init__(self, years: Iterable[int]):
        self.years = sorted(set(years))
        super().__init__(", ".join(map(str, self.years)))


def whole_kroner(value: Decimal | int | None) -> int | None:
    """VALUE rounded half up (away from zero) to whole kroner, for storage and exports."""
    if value is None:
        return None
    return int(Decimal(value).quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class PriceTable:
    """A cycle's index per year, and the year whose prices every total is shown in."""

    base_year: int
    index: Mapping[int, Decimal] = field(default_factory=dict)

    @classmethod
    def for_cycle(cls, cycle: BudgetCycle) -> PriceTable:
        rows = PriceFactor.objects.filter(cycle=cycle).values_list("year", "index")
        return cls(base_year=cycle.price_year, index=dict(rows))

    def missing(self, price_years: Iterable[int]) -> list[int]:
        """The years among PRICE_YEARS, and the base year, that the table has no index for;
        none missing when every price year already is the base year."""
        wanted = set(price_years) - {self.base_year}
        if not wanted:
            return []
        return sorted(y for y in wanted | {self.base_year} if y not in self.index)

    def convert(self, kroner: int | Decimal | None, price_year: int) -> Decimal | None:
        """KRONER in PRICE_YEAR's prices, in the base year's prices; None stays unknown."""
        if kroner is None:
            return None
        if price_year == self.base_year:
            return Decimal(kroner)
        if missing := self.missing([price_year]):
            raise MissingYears(missing)
        return Decimal(kroner) * self.index[self.base_year] / self.index[price_year]

    def to_year(self, base_year: int) -> PriceTable:
        """The same index, with totals shown in BASE_YEAR's prices."""
        return PriceTable(base_year=base_year, index=self.index)


@dataclass(frozen=True)
class PriceToggle:
    """The two ways a page shows its totals, as plain links (no JavaScript needed)."""

    on: bool
    common_url: str
    own_url: str

    @classmethod
    def from_request(cls, request: HttpRequest) -> PriceToggle:
        query = request.GET.copy()
        query.pop(PRICE_PARAM, None)
        own = query.urlencode()
        query[PRICE_PARAM] = COMMON
        return cls(
            on=request.GET.get(PRICE_PARAM) == COMMON,
            common_url=f"{request.path}?{query.urlencode()}",
            own_url=f"{request.path}?{own}" if own else request.path,
        )

    def table(self, cycle: BudgetCycle) -> PriceTable | None:
        """The cycle's table when the totals are asked at one price level, else None."""
        return PriceTable.for_cycle(cycle) if self.on else None

    def cache_key(self, cycle: BudgetCycle) -> str:
        """What a cached page of totals depends on here: the mode and the table's version."""
        if not self.on:
            return "egne"
        version = cycle.price_revisions.aggregate(n=Max("number"))["n"] or 0
        return f"{COMMON}.{version}"


# --- changing the table -------------------------------------------------------------------


@dataclass(frozen=True)
class FactorRow:
    """One validated year of the table, as a form or an Excel row gives it."""

    year: int
    index: Decimal
    source: str
    published_on: date


def snapshot(cycle: BudgetCycle, rows: Iterable[FactorRow]) -> dict:
    return {
        "base_year": cycle.price_year,
        "years": {
            str(r.year): {
                "index": str(r.index.normalize()),
                "source": r.source,
                "published_on": r.published_on.isoformat(),
            }
            for r in sorted(rows, key=lambda r: r.year)
        },
    }


@transaction.atomic(durable=True)
def replace_price_table(
    cycle: BudgetCycle, rows: list[FactorRow], *, by, action: str
) -> PriceTableRevision:
    """Make ROWS the cycle's whole price table and keep the new state as a revision."""
    locked = BudgetCycle.objects.select_for_update().get(pk=cycle.pk)
    years = [r.year for r in rows]
    if len(set(years)) != len(years):
        raise ValueError("one row per year")  # the forms refuse this with a Danish message
    PriceFactor.objects.filter(cycle=locked).delete()
    PriceFactor.objects.bulk_create(
        PriceFactor(
            cycle=locked, year=r.year, index=r.index, source=r.source, published_on=r.published_on
        )
        for r in rows
    )
    last = locked.price_revisions.aggregate(n=Max("number"))["n"] or 0
    return PriceTableRevision.objects.create(
        cycle=locked, number=last + 1, author=by, action=action, snapshot=snapshot(locked, rows)
    )
