"""What a scenario does to the budget, year by year.

Rounding rule: a share is applied to the card's whole kroner exactly (Decimal, no rounding);
sums are taken of these unrounded values; only the displayed figure is rounded, half away
from zero (ROUND_HALF_UP, as Excel's ROUND). So 50 % of 2.900.001 kr. counts as
1.450.000,5 kr. in every total and shows as 1,450 mio. kr.

At one price level (PRICES, the cycle's table) each card's figures are first converted from
its own price year, also unrounded; a table lacking a year leaves every figure as it is and
names the missing years, as the card list's totals do.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from budget_portal.figures import net_of
from budget_portal.price_level import PriceTable
from proposals.models import Proposal, ServiceFrame

HUNDRED = Decimal(100)


@dataclass
class YearEffect:
    expenses: Decimal = Decimal(0)
    revenues: Decimal = Decimal(0)
    fte: Decimal = Decimal(0)
    within: Decimal = Decimal(0)  # net inside the service frame
    outside: Decimal = Decimal(0)  # net outside it
    partly: Decimal = Decimal(0)  # net of cards partly inside, or not stated
    unknown: int = 0
    target: int | None = None

    @property
    def net(self) -> Decimal:
        return net_of(self.expenses, self.revenues)

    @property
    def complete(self) -> bool:
        return self.unknown == 0

    @property
    def remaining(self) -> Decimal | None:
        """What is still to be found against the target (target minus the scenario's net)."""
        return None if self.target is None else Decimal(self.target) - self.net


@dataclass
class Line:
    proposal: Proposal
    share: Decimal
    by_year: dict[int, YearEffect]
    changed: bool = False


@dataclass
class Effect:
    years: list[int]
    lines: list[Line] = field(default_factory=list)
    totals: dict[int, YearEffect] = field(default_factory=dict)
    # The price level, read by the note the card list's totals use as well.
    other_price_years: list[int] = field(default_factory=list)
    missing_price_years: list[int] = field(default_factory=list)
    converted: bool = False


def apply_share(kroner: int | Decimal | None, share: Decimal) -> Decimal | None:
    return None if kroner is None else Decimal(kroner) * share / HUNDRED


def effect(
    entries: list[tuple[Proposal, Decimal, bool]],
    years: list[int],
    targets: dict[int, int] | None = None,
    *,
    price_year: int | None = None,
    prices: PriceTable | None = None,
) -> Effect:
    """ENTRIES: (card with its years, share in %, changed since added). PRICE_YEAR: the
    cycle's (the targets are in its prices); PRICES: convert every card to the table's."""
    result = Effect(
        years=years, totals={y: YearEffect(target=(targets or {}).get(y)) for y in years}
    )
    card_years = sorted({proposal.price_year for proposal, _share, _changed in entries})
    base = prices.base_year if prices is not None else price_year
    result.other_price_years = [y for y in card_years if base is not None and y != base]
    result.missing_price_years = prices.missing(card_years) if prices is not None else []
    result.converted = (
        prices is not None and bool(result.other_price_years) and not result.missing_price_years
    )
    for proposal, share, changed in entries:
        line = Line(proposal, share, {y: YearEffect() for y in years}, changed)
        for y in proposal.ordered_years():
            if y.year not in line.by_year:
                continue
            cell, total = line.by_year[y.year], result.totals[y.year]
            own = (y.expenses, y.revenues)
            if result.converted:
                own = tuple(prices.convert(v, proposal.price_year) for v in own)
            expenses, revenues = (apply_share(v, share) for v in own)
            fte = apply_share(y.fte, share) if y.fte is not None else Decimal(0)
            for target in (cell, total):
                target.expenses += expenses or 0
                target.revenues += revenues or 0
                target.fte += fte or 0
                if expenses is None or revenues is None:
                    target.unknown += 1
                    continue
                net = net_of(expenses, revenues)
                if proposal.service_frame == ServiceFrame.YES:
                    target.within += net
                elif proposal.service_frame == ServiceFrame.NO:
                    target.outside += net
                else:
                    target.partly += net
        result.lines.append(line)
    return result
