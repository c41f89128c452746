"""What the charts add to the 500-card list (issue 17's target: at most 10 %). A measurement,
not part of the suite: BENCH_CHARTS=1 pytest -s tests/proposals/test_chart_cost.py"""

import os
import time

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

from benchmarks.data import build_world, card_specs, create_cards
from proposals.models import Proposal


@pytest.mark.skipif(not os.environ.get("BENCH_CHARTS"), reason="a measurement: BENCH_CHARTS=1")
@pytest.mark.django_db
def test_charts_add_little_to_the_500_card_list(politician):
    world = build_world()
    create_cards(world, card_specs(500))
    cycle = world.cycle
    client = Client()
    client.force_login(politician)
    lst = reverse("proposals:list", kwargs={"cycle_slug": cycle.slug})

    def median(fn, n=7):
        runs = []
        for _ in range(n):
            t = time.perf_counter()
            fn()
            runs.append(time.perf_counter() - t)
        return sorted(runs)[n // 2]

    median(lambda: client.get(lst), 2)
    page = median(lambda: client.get(lst))
    totals = Proposal.objects.public().filter(cycle=cycle).totals(cycle)

    def charts_only():
        render_to_string(
            "proposals/partials/_totals_charts.html", {"totals": totals, "cycle": cycle}
        )

    from budget_portal import charts as c

    def cold():
        c._DRAWN.clear()
        charts_only()

    warm = median(charts_only)
    first = median(cold)
    print(
        f"\nBENCH page {page * 1000:.0f} ms; charts cold {first * 1000:.1f} ms "
        f"({100 * first / (page - warm):.1f} %), warm {warm * 1000:.1f} ms "
        f"({100 * warm / (page - warm):.1f} %)"
    )
    # Drawn once per state of the numbers: what every later reader's page pays.
    assert warm < 0.1 * (page - warm)
