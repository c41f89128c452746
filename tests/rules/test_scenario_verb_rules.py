"""Rules of the scenario verbs (politics/scenarios.py): a copy is the copier's, in the
copier's party; a scenario holds only released cards of its own budget; sharing is undone by
unsharing; clearing a year's target clears it in this budget only (found by mutation testing
in the full run of 4 December)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from politics.models import BudgetTarget, Scenario
from politics.scenarios import (
    copy_scenario,
    create_scenario,
    save_selection,
    save_targets,
    share_scenario,
)
from proposals.models import Status
from tests.factories import CommitteeFactory, CycleFactory, DepartmentFactory, make_card

pytestmark = pytest.mark.django_db


def test_rule_a_copy_belongs_to_the_copier_and_the_copier_s_party(
    cycle, politician_a, politician_b, party_b
):
    original = create_scenario(cycle, by=politician_a, name="S" * 120)
    copy = copy_scenario(original, by=politician_b)
    stored = Scenario.objects.get(pk=copy.pk)
    assert (stored.owner, stored.party) == (politician_b, party_b)
    assert stored.name == ("Kopi af " + "S" * 120)[:120]


def test_rule_a_scenario_holds_only_released_cards_of_its_own_budget(
    cycle, finance, politician_a, department_a, committee
):
    here = make_card(by=finance, department=department_a, committee=committee, number="T101",
                     status=Status.RELEASED)  # fmt: skip
    later = CycleFactory(slug="testrup-2027", first_year=2027)
    there = make_card(by=finance, committee=CommitteeFactory(cycle=later, number=1),
                      department=DepartmentFactory(cycle=later, name="Økonomi"),
                      number="T101", status=Status.RELEASED)  # fmt: skip
    scenario = create_scenario(cycle, by=politician_a, name="Plan A")
    save_selection(scenario, {here.pk: Decimal("100"), there.pk: Decimal("50")})
    assert list(scenario.entries.values_list("proposal_id", "share")) == [(here.pk, Decimal("100"))]


def test_rule_a_shared_scenario_is_unshared_again(cycle, politician_a):
    scenario = create_scenario(cycle, by=politician_a, name="Plan A")
    share_scenario(scenario, by=politician_a, shared=True)
    assert Scenario.objects.get(pk=scenario.pk).shared_with_party
    share_scenario(scenario, by=politician_a, shared=False)
    assert not Scenario.objects.get(pk=scenario.pk).shared_with_party


def test_rule_clearing_a_year_s_target_leaves_other_budgets_targets(cycle, finance):
    later = CycleFactory(slug="testrup-2027", first_year=2027)
    save_targets(cycle, by=finance, amounts={2027: -5_000_000})
    save_targets(later, by=finance, amounts={2027: -7_000_000})
    save_targets(cycle, by=finance, amounts={2027: None})
    assert list(BudgetTarget.objects.values_list("cycle__slug", "year", "amount")) == [
        ("testrup-2027", 2027, -7_000_000)
    ]
