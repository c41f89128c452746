"""Rules of a sum of years (budget_portal/figures.py): an unknown year is counted, not
guessed, and a missing figure adds nothing."""

from decimal import Decimal

from budget_portal.figures import YearSum, net_of


def test_rule_a_sum_counts_every_unknown_year_it_adds():
    total = YearSum()
    total.add(100, -40, Decimal("1.5"), 1)
    total.add(None, None, None, 2)
    assert total.unknown == 3
    assert not total.complete


def test_rule_a_missing_figure_adds_nothing_to_the_sum():
    total = YearSum()
    total.add(None, None, None, 1)
    assert (total.expenses, total.revenues, total.fte) == (0, 0, 0)
    total.add(250, None, None, 0)
    assert (total.expenses, total.revenues, total.net) == (250, 0, 250)


def test_rule_a_sum_of_known_years_is_complete_and_its_net_is_expenses_plus_revenues():
    total = YearSum()
    total.add(1_000_000, -250_000, Decimal("2.0"), 0)
    total.add(500_000, 0, Decimal("0.5"), 0)
    assert total.complete
    assert total.net == 1_250_000 == net_of(total.expenses, total.revenues)
    assert total.fte == Decimal("2.5")
    assert net_of(None, 5) is None and net_of(5, None) is None
