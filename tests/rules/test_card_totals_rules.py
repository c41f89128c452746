"""Rules of the card queries and totals (proposals/models.py): an editor's own cards, a year
whose net is not known while either amount is missing, revenues converted to one price level
like expenses, and the totals table's rows in reading order (found by mutation testing: every
test card had revenues of 0 and both amounts or neither)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser

from budget_portal.price_level import FactorRow, PriceTable, replace_price_table
from proposals.models import Proposal, ProposalYear
from tests.factories import DepartmentFactory, make_card

pytestmark = pytest.mark.django_db


def test_rule_an_editor_s_own_cards_are_those_of_the_departments_they_edit(
    cycle, finance, editor_a, department_a, department_b, committee
):
    mine = make_card(by=finance, department=department_a, committee=committee, number="T101")
    make_card(by=finance, department=department_b, committee=committee, number="T102")
    nobody = DepartmentFactory(cycle=cycle, name="Uden redaktør", committee=committee)
    make_card(by=finance, department=nobody, committee=committee, number="T103")
    assert list(Proposal.objects.of_departments_of(editor_a)) == [mine]
    assert not Proposal.objects.of_departments_of(AnonymousUser()).exists()


def test_rule_a_year_is_not_complete_while_either_amount_is_missing(
    cycle, finance, department_a, committee
):
    card = make_card(by=finance, department=department_a, committee=committee, number="T101")
    first, second, *_ = cycle.year_range
    ProposalYear.objects.filter(proposal=card, year=first).update(revenues=None)
    ProposalYear.objects.filter(proposal=card, year=second).update(expenses=None)
    totals = Proposal.objects.filter(cycle=cycle).totals(cycle)
    assert (totals.all[first].unknown, totals.all[second].unknown) == (1, 1)
    assert not totals.complete
    assert [totals.all[y].complete for y in cycle.year_range] == [False, False, True, True]


def test_rule_revenues_are_converted_to_one_price_level_like_expenses(
    cycle, finance, department_a, committee
):
    make_card(by=finance, department=department_a, committee=committee, number="T101",
              net=-600_000, revenues=400_000, price_year=2025)  # fmt: skip
    rows = [
        FactorRow(year, Decimal(v), "KL's pris- og lønskøn", date(2025, 6, 1))
        for year, v in ((2025, "100"), (2026, "102.3"))
    ]
    replace_price_table(cycle, rows, by=finance, action="Rettet")
    totals = Proposal.objects.filter(cycle=cycle).totals(cycle, PriceTable.for_cycle(cycle))
    assert totals.converted
    year = totals.all[2026]
    assert (year.expenses, year.revenues) == (Decimal("-1023000"), Decimal("409200"))
    assert year.net == Decimal("-613800")


def test_rule_the_totals_table_reads_frame_lines_then_committees_by_name(
    cycle, finance, department_a, department_b, committee, committee_b
):
    make_card(by=finance, department=department_a, committee=committee, number="T101",
              net=-1_000_000)  # fmt: skip
    make_card(by=finance, department=department_b, committee=committee_b, number="T102",
              net=-250_000, service_frame="nej")  # fmt: skip
    lines = Proposal.objects.filter(cycle=cycle).totals(cycle).lines()
    first = cycle.year_range[0]
    assert [(line.label, line.by_year[first].net) for line in lines] == [
        ("Inden for servicerammen: Ja", -1_000_000),
        ("Inden for servicerammen: Nej", -250_000),
        ("Børne- og Familieudvalget", -250_000),
        ("Økonomiudvalget", -1_000_000),
    ]
    assert all(line.complete for line in lines)
