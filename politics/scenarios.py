"""Verbs of negotiation scenarios and the budget targets they are measured against."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction

from budget_portal.models import BudgetCycle
from politics.models import BudgetTarget, Scenario, ScenarioCard, party_of
from proposals.models import Proposal


@transaction.atomic
def create_scenario(cycle, *, by, name: str) -> Scenario:
    return Scenario.objects.create(cycle=cycle, owner=by, party=party_of(by), name=name)


@transaction.atomic
def save_selection(scenario: Scenario, selection: dict[int, Decimal]) -> None:
    """Make the scenario hold exactly SELECTION (card id -> share %)."""
    cards = {
        p.pk: p for p in Proposal.objects.public().filter(cycle=scenario.cycle, pk__in=selection)
    }
    scenario.entries.exclude(proposal_id__in=cards).delete()
    existing = {e.proposal_id: e for e in scenario.entries.all()}
    for pk, card in cards.items():
        entry = existing.get(pk)
        if entry is None:
            ScenarioCard.objects.create(
                scenario=scenario, proposal=card, share=selection[pk], added_version=card.version
            )
        elif entry.share != selection[pk]:
            entry.share = selection[pk]
            entry.save(update_fields=["share"])
    scenario.save(update_fields=["updated_at"])


@transaction.atomic
def save_scenario(scenario: Scenario, *, by, name: str, selection: dict[int, Decimal]) -> Scenario:
    """The scenario page's save: the new name and the cards, both or neither."""
    if not by.has_perm("politics.change_scenario", scenario):
        raise PermissionDenied
    scenario.name = name
    scenario.save(update_fields=["name", "updated_at"])
    save_selection(scenario, selection)
    return scenario


@transaction.atomic
def share_scenario(scenario: Scenario, *, by, shared: bool) -> Scenario:
    """Only a scenario with a party can be shared, and only with that party (to read)."""
    if not by.has_perm("politics.change_scenario", scenario):
        raise PermissionDenied
    scenario.shared_with_party = shared and scenario.party_id is not None
    scenario.save(update_fields=["shared_with_party", "updated_at"])
    return scenario


@transaction.atomic
def copy_scenario(scenario: Scenario, *, by) -> Scenario:
    copy = Scenario.objects.create(
        cycle=scenario.cycle, owner=by, party=party_of(by), name=f"Kopi af {scenario.name}"[:120]
    )
    ScenarioCard.objects.bulk_create(
        ScenarioCard(
            scenario=copy, proposal_id=e.proposal_id, share=e.share, added_version=e.added_version
        )
        for e in scenario.entries.all()
    )
    return copy


@transaction.atomic
def save_targets(cycle: BudgetCycle, *, by, amounts: dict[int, int | None]) -> None:
    """Set each year's target; None clears it (no target: nothing to find that year)."""
    if not by.has_perm("politics.set_targets"):
        raise PermissionDenied
    for year, amount in amounts.items():
        if amount is None:
            BudgetTarget.objects.filter(cycle=cycle, year=year).delete()
        else:
            BudgetTarget.objects.update_or_create(
                cycle=cycle, year=year, defaults={"amount": amount}
            )
