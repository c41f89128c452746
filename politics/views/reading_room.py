"""The reading room: the released cards by committee, with what is new since last time."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from budget_portal.price_level import PriceToggle
from politics.models import Novelty, Scenario, last_seen, novelty
from politics.views.access import cycle_for
from proposals.models import Proposal


@require_safe
@login_required
def reading_room(request: HttpRequest, cycle_slug: str) -> HttpResponse:
    budget = cycle_for(request, cycle_slug, "politics.use_reading_room")
    cards = Proposal.objects.public().filter(cycle=budget)
    seen = last_seen(request.user, cards.values("pk"))
    groups: dict[str, list] = {}
    for card in cards.for_listing():
        groups.setdefault(card.committee.name, []).append((card, novelty(seen, card) or ""))
    news = [(card, state) for group in groups.values() for card, state in group if state]
    states = [state for _card, state in news]
    prices = PriceToggle.from_request(request)
    context = {
        "cycle": budget,
        "groups": groups,
        "Novelty": Novelty,
        "new_count": states.count(Novelty.NEW),
        "changed_count": states.count(Novelty.CHANGED),
        "news": news,
        "totals": cards.totals(budget, prices.table(budget)),
        "prices": prices,
        "upcoming": budget.milestones.upcoming(timezone.localdate())[:5],
        "scenarios": Scenario.objects.visible_to(request.user).filter(cycle=budget)[:10],
    }
    return render(request, "politics/reading_room.html", context)
