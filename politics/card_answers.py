"""The released answers beside the cards they are about: on the card page and after each card
in the catalog and card PDFs (through budget_portal.card_annexes)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from django.utils import formats
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from budget_portal import word
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
    """What an annex shows, to tell when a PDF must be made anew (not the pk: it is not shown)."""
    return list(
        Question.objects.beside_cards(card_ids).values_list(
            "proposal_id",
            "number",
            "text",
            "answer",
            "department__name",
            "answered_revision__number",
            "answered_revision__created_at",
        )
    )


def answers_word(document, card, questions: list[Question]) -> None:
    """The same as TEMPLATE, in the Word catalog after the card."""
    document.add_heading(_("Svar på budgetspørgsmål om forslaget"), level=3)
    for q in questions:
        document.add_heading(_("Spørgsmål %(n)s") % {"n": q.number}, level=4)
        word.add_text(document, q.text)
        heading = _("Svar") + (f" ({q.department.name})" if q.department else "")
        document.add_paragraph(heading, style="Heading 5")
        word.add_text(document, q.answer)
        if q.answered_revision:
            # The day in Copenhagen, as the web page shows it; not the stored UTC day.
            when = formats.date_format(localtime(q.answered_revision.created_at), "j. F Y")
            document.add_paragraph(
                _("Svar givet til version %(v)s af %(when)s")
                % {"v": q.answered_revision.number, "when": when}
            )
        if q.answers_older_version:
            document.add_paragraph(
                _("Svaret gælder en tidligere version. Forslaget er nu i version %(v)s.")
                % {"v": card.version}
            ).runs[0].bold = True


ANNEX = CardAnnex(template=TEMPLATE, items=answers_by_card, state=answers_state, word=answers_word)
