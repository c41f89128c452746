"""Expiring grants of a cycle: the unfunded amount per year, and totals that say when a
figure is unknown."""

from __future__ import annotations

from dataclasses import dataclass, field

from budget_portal.models import BudgetCycle
from letters.models import ExpiringGrant


@dataclass
class GrantRow:
    grant: ExpiringGrant
    by_year: dict[int, int | None]  # year -> amount; None: missing but unknown; absent: none
    years: list[int] = field(default_factory=list)

    @property
    def cells(self) -> list[tuple[bool, int | None]]:
        """(is there a shortfall, its amount) for each year of the cycle, in order."""
        return [(year in self.by_year, self.by_year.get(year)) for year in self.years]


@dataclass
class GrantOverview:
    years: list[int]
    rows: list[GrantRow] = field(default_factory=list)

    def totals(self) -> dict[int, tuple[int, bool]]:
        """Per year: the sum of known amounts and whether every amount is known."""
        result = {}
        for year in self.years:
            amounts = [row.by_year[year] for row in self.rows if year in row.by_year]
            result[year] = (sum(a for a in amounts if a is not None), None not in amounts)
        return result

    @property
    def total_rows(self) -> list[tuple[int, int, bool]]:
        return [(year, total, complete) for year, (total, complete) in self.totals().items()]


def grant_overview(cycle: BudgetCycle) -> GrantOverview:
    overview = GrantOverview(years=cycle.year_range)
    grants = (
        ExpiringGrant.objects.filter(letter__cycle=cycle)
        .select_related("letter__department", "proposal")
        .prefetch_related("shortfalls")
        .order_by("letter__department__name", "position", "pk")
    )
    for grant in grants:
        by_year = {s.year: s.amount for s in grant.shortfalls.all() if s.year in overview.years}
        overview.rows.append(GrantRow(grant, by_year, overview.years))
    return overview
