"""The released answers beside the cards they are about: on the card page and after each card
in the catalog and card PDFs (through budget_portal.card_annexes)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from budget_portal.card_annexes import CardAnnex
from politics.models import Question

TEMPLATE = "politics/partials/_card_answers.html"


def answers_by_card(cards: Sequence) -> dict[int, list[Question]]:
    """Per card pk, its released answers: one query for any number of cards."""
    cards_by_pk = {card.pk: card for card in cards}
    by_card: dict[int, list[Question]] = defaultdict(list)
    for question in Question.objects.beside_cards(list(cards_by_pk)):
        # The card in hand, so "an older version" is decided without reading it again.
        question.proposal = cards_by_pk[question.proposal_id]
        by_card[question.proposal_id].append(question)
    return by_card


def answers_state(card_ids: Sequence[int]) -> list:
    return list(
        Question.objects.beside_cards(card_ids).values_list(
            "pk",
            "proposal_id",
            "number",
            "text",
            "answer",
            "department__name",
            "answered_revision__number",
            "answered_revision__created_at",
        )
    )


ANNEX = CardAnnex(template=TEMPLATE, items=answers_by_card, state=answers_state)
