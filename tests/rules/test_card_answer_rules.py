"""Rules of the released answers beside their cards (politics/card_answers.py): a catalog or
card PDF with answers is made anew when anything an answer shows changes, and the Word catalog
shows each answer as the web page does, dated by the day in Copenhagen (found by mutation
testing: no test changed an answer after a catalog was made, nor read the Word annex)."""

from __future__ import annotations

from datetime import UTC, datetime

import docx
import pytest

from budget_portal.models import Department
from politics.card_answers import answers_by_card, answers_state, answers_word
from politics.models import Question
from politics.questions import release_question
from proposals.models import Revision
from tests.politics.answers import ANSWER, answered, revise

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


def word_paragraphs(card, questions) -> list[tuple[str, str, bool]]:
    document = docx.Document()
    answers_word(document, card, questions)
    return [(p.style.name, p.text, any(r.bold for r in p.runs)) for p in document.paragraphs]


def test_rule_the_word_catalog_gives_each_answer_its_headings_version_and_local_date(
    released, seed_cards, department_a
):
    card = seed_cards["T105"]
    # 23.30 UTC is already the next day in Copenhagen, the day the answer was given there.
    Revision.objects.filter(pk=released.answered_revision_id).update(
        created_at=datetime(2026, 9, 30, 22, 30, tzinfo=UTC)
    )
    (question,) = answers_by_card([card])[card.pk]
    version = question.answered_revision.number
    assert word_paragraphs(card, [question]) == [
        ("Heading 3", "Svar på budgetspørgsmål om forslaget", False),
        ("Heading 4", f"Spørgsmål {question.number}", False),
        ("Normal", question.text, False),
        ("Heading 5", f"Svar ({department_a.name})", False),
        ("Normal", ANSWER, False),
        ("Normal", f"Svar givet til version {version} af 1. oktober 2026", False),
    ]


def test_rule_an_answer_to_an_older_version_says_so_in_bold_and_one_without_department_is_svar(
    released, seed_cards, finance
):
    card = seed_cards["T105"]
    revise(card, finance)
    card.refresh_from_db()
    Question.objects.filter(pk=released.pk).update(department=None)
    (question,) = answers_by_card([card])[card.pk]
    paragraphs = word_paragraphs(card, [question])
    assert ("Heading 5", "Svar", False) in paragraphs
    assert paragraphs[-1] == (
        "Normal",
        f"Svaret gælder en tidligere version. Forslaget er nu i version {card.version}.",
        True,
    )
