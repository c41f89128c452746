"""Rules of a scenario's effect a politician reads year by year: exact shares, the service-frame
split, unknown figures counted, and what remains against the target."""

from __future__ import annotations

from decimal import Decimal

import pytest

from politics.effects import effect
from tests.factories import make_card

pytestmark = pytest.mark.django_db


@pytest.fixture
def cards(finance, department_a, committee):
    def card(number, **kwargs):
        return make_card(by=finance, department=department_a, committee=committee,
                         number=number, **kwargs)  # fmt: skip

    return {
        "ja": card("T1", net=1_000_000, revenues=-200_000, fte="1.5", service_frame="ja"),
        "nej": card("T2", net=300_000, revenues=0, fte="0.5", service_frame="nej"),
        "delvis": card("T3", net=50_000, revenues=0, fte=None, service_frame="delvis"),
        "ukendt": card("T4", net=None, revenues=None, fte="2", service_frame="ja"),
        "halvt": card("T5", net=80_000, revenues=None, fte="0", service_frame="nej"),
        "nej2": card("T6", net=20_000, revenues=0, fte="0", service_frame="nej"),
        "delvis2": card("T7", net=5_000, revenues=0, fte="0", service_frame="delvis"),
    }


def test_rule_each_card_counts_with_its_share_exactly(cycle, cards):
    years = cycle.year_range
    result = effect([(cards["ja"], Decimal(50), False)], years, {years[0]: -400_000})
    first = result.totals[years[0]]
    assert first.expenses == Decimal(600_000)  # half of 1.200.000 expenses
    assert first.revenues == Decimal(-100_000)
    assert first.net == Decimal(500_000)
    assert first.fte == Decimal("0.75")
    assert first.within == Decimal(500_000)
    assert (first.outside, first.partly) == (0, 0)
    assert first.remaining == Decimal(-900_000)
    assert result.totals[years[1]].remaining is None
    line = result.lines[0]
    assert line.share == Decimal(50) and not line.changed
    assert line.by_year[years[0]].net == Decimal(500_000)


def test_rule_net_is_split_by_service_frame_and_unknown_figures_are_counted(cycle, cards):
    years = cycle.year_range
    entries = [(cards[k], Decimal(100), k == "nej") for k in ("ja", "nej", "delvis", "ukendt")]
    total = effect(entries, years).totals[years[0]]
    assert total.net == Decimal(1_350_000)
    assert total.within == Decimal(1_000_000)
    assert total.outside == Decimal(300_000)
    assert total.partly == Decimal(50_000)
    assert total.fte == Decimal("4.0")  # the card without årsværk adds none
    assert total.unknown == 1 and not total.complete
    lines = {line.proposal.number: line for line in effect(entries, years).lines}
    assert lines["T2"].changed and not lines["T1"].changed
    assert lines["T4"].by_year[years[0]].unknown == 1
    assert lines["T1"].by_year[years[0]].complete


def test_rule_years_outside_the_cycle_are_left_out(cycle, cards):
    shown = cycle.year_range[1:3]
    result = effect([(cards["ja"], Decimal(100), False)], shown)
    assert list(result.totals) == shown
    assert set(result.lines[0].by_year) == set(shown)
    assert [result.totals[y].net for y in shown] == [Decimal(1_000_000)] * 2


def test_rule_a_card_with_one_figure_unknown_is_unknown_and_every_card_adds_up(cycle, cards):
    year = cycle.year_range[0]
    entries = [
        (cards[k], Decimal(100), False)
        for k in ("nej", "nej2", "delvis", "delvis2", "ukendt", "halvt")
    ]
    total = effect(entries, cycle.year_range).totals[year]
    assert total.unknown == 2  # T4 knows neither figure, T5 only its expenses
    assert total.outside == Decimal(320_000)  # T2 + T6; T5 is unknown, so not in a split
    assert total.partly == Decimal(55_000)
    assert total.expenses == Decimal(455_000)  # T5's known expenses still count
