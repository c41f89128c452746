""" "Budget i korte træk" (GFOA's budget in brief): one public page and one PDF page per
cycle, from the same context."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from budget_portal.calendar import where_now
from budget_portal.models import BudgetCycle
from budget_portal.navigation import front_lines
from budget_portal.price_level import PriceTable
from proposals import charts
from proposals.models import Proposal

LARGEST = 5


@dataclass(frozen=True)
class LargeCard:
    card: Proposal
    net: int | None  # the first budget year's net, in the card's own prices


def brief_context(cycle: BudgetCycle, today: date) -> dict:
    cards = Proposal.objects.public().filter(cycle=cycle)
    # One price level when the index covers every card's year; otherwise the note says why.
    totals = cards.totals(cycle, PriceTable.for_cycle(cycle))
    phase, next_milestone = where_now([cycle], today)[cycle.pk]
    listed = list(cards.for_listing())
    first = {card.pk: _first_net(card, cycle) for card in listed}
    largest = sorted(listed, key=lambda c: (-abs(first[c.pk] or 0), c.number))[:LARGEST]
    return {
        "cycle": cycle,
        "phase": phase,
        "next_milestone": next_milestone,
        "upcoming": list(cycle.milestones.upcoming(today)[:3]),
        "totals": totals,
        "card_count": len(listed),
        "largest": [LargeCard(card, first[card.pk]) for card in largest],
        "hearings": front_lines("hearings", cycle, today),
        "charts": [charts.committee_chart(totals, cycle), charts.frame_chart(totals, cycle)]
        if listed
        else [],
    }


def _first_net(card: Proposal, cycle: BudgetCycle) -> int | None:
    for year in card.ordered_years():
        if year.year == cycle.first_year:
            return year.net
    return None
