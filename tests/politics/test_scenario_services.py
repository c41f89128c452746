"""The scenario and target verbs: each write whole or not at all, and only by whom it is for."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from politics import scenarios
from politics.models import BudgetTarget
from politics.outputs import scenario_effect
from politics.scenarios import (
    create_scenario,
    save_scenario,
    save_selection,
    save_targets,
    share_scenario,
)
from tests.conftest import client_for


def test_a_scenario_is_renamed_and_reselected_together_or_not_at_all(
    cycle, seed_cards, politician_a, monkeypatch
):
    scenario = create_scenario(cycle, by=politician_a, name="Forlig")
    save_selection(scenario, {seed_cards["T101"].pk: Decimal(100)})

    def broken(scenario, selection):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(scenarios, "save_selection", broken)
    with pytest.raises(RuntimeError):
        save_scenario(scenario, by=politician_a, name="Nyt navn",
                      selection={seed_cards["T105"].pk: Decimal(50)})  # fmt: skip
    scenario.refresh_from_db()
    assert scenario.name == "Forlig"
    assert [e.proposal.number for e in scenario.entries.all()] == ["T101"]


def test_only_the_owner_saves_or_shares_a_scenario(cycle, seed_cards, politician_a, politician_a2):
    scenario = create_scenario(cycle, by=politician_a, name="Forlig")
    with pytest.raises(PermissionDenied):
        save_scenario(scenario, by=politician_a2, name="Kapret", selection={})
    with pytest.raises(PermissionDenied):
        share_scenario(scenario, by=politician_a2, shared=True)
    scenario.refresh_from_db()
    assert (scenario.name, scenario.shared_with_party) == ("Forlig", False)


def test_a_scenario_without_a_party_cannot_be_shared(cycle, finance):
    scenario = create_scenario(cycle, by=finance, name="Økonomis eget")
    assert share_scenario(scenario, by=finance, shared=True).shared_with_party is False


def test_the_share_button_toggles_both_ways(client, cycle, politician_a):
    scenario = create_scenario(cycle, by=politician_a, name="Forlig")
    url = reverse("politics:share", args=[cycle.slug, scenario.pk])
    client_for(client, politician_a)
    for sent, shared in (("1", True), ("0", False)):
        client.get(scenario.get_absolute_url())
        client.post(url, {"shared": sent})
        scenario.refresh_from_db()
        assert scenario.shared_with_party is shared


def test_clearing_a_target_removes_it_and_what_remains_against_it(
    client, cycle, seed_cards, politician_a, finance
):
    save_targets(cycle, by=finance, amounts={2026: -5_000_000, 2027: -3_000_000})
    scenario = create_scenario(cycle, by=politician_a, name="Spar")
    save_selection(scenario, {seed_cards["T101"].pk: Decimal(100)})
    assert scenario_effect(scenario).totals[2026].remaining == Decimal(-7_000_000)
    client_for(client, finance)
    url = reverse("politics:targets", args=[cycle.slug])
    client.get(url)
    client.post(url, {"target_2026": "", "target_2027": "-3,000"})
    assert dict(BudgetTarget.objects.values_list("year", "amount")) == {2027: -3_000_000}
    assert scenario_effect(scenario).totals[2026].remaining is None


def test_only_finance_sets_targets(cycle, politician_a):
    with pytest.raises(PermissionDenied):
        save_targets(cycle, by=politician_a, amounts={2026: 1})
    assert not BudgetTarget.objects.exists()
