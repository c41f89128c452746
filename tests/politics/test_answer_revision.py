"""Which revision of its card an answer answers: the one it was written against, kept
through release; existing answers are tied by the migration."""

from __future__ import annotations

import importlib

from django.apps import apps
from django.db import connection

from politics.models import Question
from politics.questions import answer_question, release_question
from tests.politics.answers import answered, revise


def test_the_answer_is_tied_to_the_version_it_was_written_against_not_released_at(
    seed_cards, politician_a, finance, department_a, editor_a
):
    t105 = seed_cards["T105"]
    question = answered(t105, by=politician_a, finance=finance, department=department_a,
                        editor=editor_a)  # fmt: skip
    revise(t105, finance)  # while finance reviews the draft
    release_question(question, by=finance)
    question.refresh_from_db()
    assert question.answered_revision.number == 2
    assert question.answers_older_version


def test_rewriting_the_draft_ties_it_to_the_card_as_it_is_then(
    seed_cards, politician_a, finance, department_a, editor_a
):
    t105 = seed_cards["T105"]
    question = answered(t105, by=politician_a, finance=finance, department=department_a,
                        editor=editor_a)  # fmt: skip
    revise(t105, finance)
    answer_question(question, by=editor_a, answer="Nyt svar til den nye udgave.")
    release_question(question, by=finance)
    question.refresh_from_db()
    assert question.answered_revision.number == 3
    assert not question.answers_older_version


def test_existing_answers_are_tied_to_the_version_in_force_when_released(
    seed_cards, politician_a, finance, department_a, editor_a
):
    t105 = seed_cards["T105"]
    released = answered(t105, by=politician_a, finance=finance, department=department_a,
                        editor=editor_a)  # fmt: skip
    release_question(released, by=finance)
    draft = answered(t105, by=politician_a, finance=finance, department=department_a,
                     editor=editor_a, text="Og i 2028?")  # fmt: skip
    revise(t105, finance)  # version 3, after the release
    Question.objects.update(answered_revision=None)
    migration = importlib.import_module("politics.migrations.0008_question_answered_revision")
    migration.tie_answers_to_revisions(apps, connection.schema_editor())
    released.refresh_from_db()
    draft.refresh_from_db()
    assert released.answered_revision.number == 2
    assert draft.answered_revision.number == 3  # a draft: the newest it can be written against
