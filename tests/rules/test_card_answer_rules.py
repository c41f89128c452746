"""Rules of the released answers beside their cards (politics/card_answers.py): a catalog or
card PDF with answers is made anew when anything an answer shows changes (found by mutation
testing: no test changed an answer after a catalog was made)."""

from __future__ import annotations

import pytest

from budget_portal.models import Department
from politics.card_answers import answers_state
from politics.models import Question
from politics.questions import release_question
from proposals.models import Revision
from tests.politics.answers import answered

pytestmark = pytest.mark.django_db


@pytest.fixture
def released(seed_cards, politician_a, finance, department_a, editor_a):
    card = seed_cards["T105"]
    question = answered(
        card, by=politician_a, finance=finance, department=department_a, editor=editor_a
    )
    release_question(question, by=finance)
    return Question.objects.get(pk=question.pk)


def moved_to_another_card(q, seed_cards):
    Question.objects.filter(pk=q.pk).update(proposal=seed_cards["T101"])


CHANGES = {
    "its number": lambda q, cards: Question.objects.filter(pk=q.pk).update(number=7),
    "the question": lambda q, cards: Question.objects.filter(pk=q.pk).update(text="Ny tekst?"),
    "the answer": lambda q, cards: Question.objects.filter(pk=q.pk).update(answer="Nyt svar."),
    "the department's name": lambda q, cards: Department.objects.filter(pk=q.department_id).update(
        name="Ny forvaltning"
    ),
    "the version answered": lambda q, cards: Revision.objects.filter(
        pk=q.answered_revision_id
    ).update(number=99),
    "the time it was answered": lambda q, cards: Revision.objects.filter(
        pk=q.answered_revision_id
    ).update(created_at="2020-01-01T00:00:00Z"),
    "the card it is about": moved_to_another_card,
}


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_rule_a_pdf_with_answers_is_made_anew_when_an_answer_changes(released, seed_cards, change):
    cards = [seed_cards["T101"].pk, seed_cards["T105"].pk]
    before = answers_state(cards)
    change(released, seed_cards)
    assert answers_state(cards) != before
