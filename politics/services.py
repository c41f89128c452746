"""Verbs of the politicians' side: scenarios, and remembering what a user has seen."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction

from politics.models import CardView, Scenario, ScenarioCard, party_of
from proposals.models import Proposal


def mark_seen(user, proposal: Proposal) -> None:
    if user.is_authenticated:
        CardView.objects.update_or_create(
            user=user, proposal=proposal, defaults={"seen_version": proposal.version}
        )


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
def add_comment(proposal: Proposal, *, by, text: str, private: bool):
    from politics.models import Comment

    if not by.has_perm("politics.use_reading_room") or not proposal.is_public:
        raise PermissionDenied
    return Comment.objects.create(proposal=proposal, author=by, text=text.strip(), private=private)


@transaction.atomic
def edit_comment(comment, *, by, text: str):
    from politics.models import CommentEdit

    if comment.author_id != by.pk:
        raise PermissionDenied
    if comment.text != text.strip():
        CommentEdit.objects.create(comment=comment, text=comment.text)
        comment.text = text.strip()
        comment.save(update_fields=["text", "updated_at"])
    return comment
