"""What other apps print after a card in the catalog and card PDFs and the Word catalog
(politics: the released answers about it): a registry, so that proposals prints them without
importing those apps."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class CardAnnex:
    # Included after the card with `items` (that card's items), `card` and `cycle`.
    template: str
    # Per card pk, its items: a fixed number of queries for any number of cards.
    items: Callable[[Sequence], dict[int, list]]
    # What the items depend on, as a JSON-able value, for the PDF's fingerprint.
    state: Callable[[Sequence[int]], object]
    # Writes the items after the card in a Word document: (document, card, items).
    word: Callable[[object, object, list], None] | None = None


@dataclass(frozen=True)
class Attached:
    """A card's items of one annex: what its template and its Word writer are given."""

    annex: CardAnnex
    items: list

    @property
    def template(self) -> str:
        return self.annex.template

    def write_word(self, document, card) -> None:
        if self.annex.word is not None:
            self.annex.word(document, card, self.items)


REGISTRY: list[CardAnnex] = []


def register(annex: CardAnnex) -> None:
    if annex not in REGISTRY:
        REGISTRY.append(annex)


def attach(cards: Sequence) -> None:
    """Give each of CARDS its `annexes`: the non-empty ones, in registration order."""
    found = [(annex, annex.items(cards)) for annex in REGISTRY]
    for card in cards:
        card.annexes = [
            Attached(annex, by_card[card.pk]) for annex, by_card in found if by_card.get(card.pk)
        ]


def state(card_ids: Sequence[int]) -> list:
    """The annexes' state for the cards with CARD_IDS; empty when none has anything to add."""
    states = [annex.state(card_ids) for annex in REGISTRY]
    return states if any(states) else []
