"""Budget questions brought to an answer through the services, for the answer tests."""

from __future__ import annotations

from datetime import date

from politics.questions import answer_question, ask_question, assign_question
from proposals.services import revise_proposal

ANSWER = "Engangsudgifterne ligger i 2026; fra 2027 er det kun driften."


def answered(card, *, by, finance, department, editor, text="Hvorfor er 2026 dyrere?"):
    """A question BY a politician about CARD, answered by EDITOR (not yet released)."""
    question = ask_question(card.cycle, by=by, text=text, proposal=card)
    assign_question(question, by=finance, department=department, deadline=date(2026, 10, 1))
    return answer_question(question, by=editor, answer=ANSWER)


def revise(card, finance) -> None:
    """A new version of CARD (its title changes)."""
    card.refresh_from_db()
    revise_proposal(card, by=finance, fields={"title": "NIS2, ny udgave"}, years={},
                    based_on_version=card.version)  # fmt: skip
