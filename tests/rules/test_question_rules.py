"""Rules of a budget question's way from asked to released, each refused step included, and
the mails the department and the asker get."""

from __future__ import annotations

from datetime import date

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied

from audit.models import Action, AuditEvent
from budget_portal.models import OutboxMessage
from politics.models import Question, QuestionState
from politics.questions import answer_question, ask_question, assign_question, release_question
from tests.factories import CycleFactory

pytestmark = pytest.mark.django_db


def test_rule_questions_are_numbered_per_cycle_from_one(cycle, politician_a, party_a):
    first = ask_question(cycle, by=politician_a, text="  Hvad koster det?\n")
    second = ask_question(cycle, by=politician_a, text="Og så?")
    other = ask_question(CycleFactory(slug="testrup-2027"), by=politician_a, text="Nyt år?")
    assert (first.number, second.number, other.number) == (1, 2, 1)
    assert first.text == "Hvad koster det?"
    assert first.asked_by == politician_a and first.party == party_a
    assert first.state == QuestionState.ASKED


def test_rule_only_a_politician_asks(cycle, finance, editor_a):
    for who in (finance, editor_a):
        with pytest.raises(PermissionDenied):
            ask_question(cycle, by=who, text="Må jeg?")
    assert not Question.objects.exists()


def test_rule_assigning_tells_the_departments_editors_the_deadline(
    cycle, politician_a, finance, department_a, editor_a
):
    editor_a.email = "anders@kommune.dk"
    editor_a.save()
    question = ask_question(cycle, by=politician_a, text="Hvad koster det?")
    assign_question(question, by=finance, department=department_a, deadline=date(2026, 9, 1))
    question.refresh_from_db()
    assert question.state == QuestionState.ASSIGNED
    assert (question.department, question.deadline) == (department_a, date(2026, 9, 1))
    sent = OutboxMessage.objects.latest("pk")
    assert sent.to == ["anders@kommune.dk"]
    assert sent.subject == f"Spørgsmål 1 er fordelt til {department_a.name}"
    link = f"{settings.SITE_URL}/politik/{cycle.slug}/spoergsmaal/1/"
    assert sent.body == f"Svarfrist: 1. september 2026.\n\nHvad koster det?\n\n{link}"


def test_rule_only_finance_assigns_and_never_a_released_question(
    cycle, politician_a, finance, department_a, editor_a
):
    question = ask_question(cycle, by=politician_a, text="Hvad koster det?")
    for who in (politician_a, editor_a):
        with pytest.raises(PermissionDenied):
            assign_question(question, by=who, department=department_a, deadline=date(2026, 9, 1))
    assign_question(question, by=finance, department=department_a, deadline=date(2026, 9, 1))
    answer_question(question, by=editor_a, answer="Svar.")
    release_question(question, by=finance)
    with pytest.raises(PermissionDenied):
        assign_question(question, by=finance, department=department_a, deadline=date(2026, 10, 1))
    question.refresh_from_db()
    assert question.state == QuestionState.RELEASED
    assert question.deadline == date(2026, 9, 1)


def test_rule_release_needs_an_answer_and_happens_once_and_tells_the_asker(
    cycle, politician_a, finance, department_a, editor_a
):
    politician_a.email = "anna@kommune.dk"
    politician_a.save()
    question = ask_question(cycle, by=politician_a, text="Hvad koster det?")
    assign_question(question, by=finance, department=department_a, deadline=date(2026, 9, 1))
    with pytest.raises(PermissionDenied):
        release_question(question, by=finance)  # no answer yet
    answer_question(question, by=editor_a, answer="  Det koster 1 mio. kr.  ")
    assert question.answer == "Det koster 1 mio. kr."
    assert question.answered_by == editor_a and question.state == QuestionState.ANSWERED
    with pytest.raises(PermissionDenied):
        release_question(question, by=editor_a)
    release_question(question, by=finance)
    question.refresh_from_db()
    assert question.state == QuestionState.RELEASED and question.released_at is not None
    sent = OutboxMessage.objects.latest("pk")
    assert sent.to == ["anna@kommune.dk"]
    assert sent.subject == "Svar på spørgsmål 1 er frigivet"
    link = f"{settings.SITE_URL}/politik/{cycle.slug}/spoergsmaal/1/"
    assert sent.body == f"Hvad koster det?\n\nDet koster 1 mio. kr.\n\n{link}"
    mails = OutboxMessage.objects.count()
    with pytest.raises(PermissionDenied):
        release_question(question, by=finance)  # the asker is not told twice
    assert OutboxMessage.objects.count() == mails


def test_rule_a_released_answer_is_in_the_audit_log_with_who_released_which_question(
    cycle, politician_a, finance, department_a, editor_a
):
    question = ask_question(cycle, by=politician_a, text="Hvad koster det?")
    assign_question(question, by=finance, department=department_a, deadline=date(2026, 9, 1))
    answer_question(question, by=editor_a, answer="Svar.")
    release_question(question, by=finance)
    event = AuditEvent.objects.filter(action=Action.PUBLISHED).latest("pk")
    assert (event.actor, event.actor_name) == (finance, finance.get_username())
    assert (event.target_type, event.target_id) == ("politics.question", str(question.pk))


def test_rule_an_answer_is_tied_to_the_card_s_current_version_when_written_or_else_at_release(
    cycle, politician_a, finance, department_a, editor_a, committee
):
    from proposals.services import revise_proposal
    from tests.factories import make_card

    card = make_card(by=finance, department=department_a, committee=committee, number="T101")
    revise_proposal(card, by=finance, fields={"title": "Ny"}, years={}, based_on_version=1)
    question = ask_question(cycle, by=politician_a, text="Hvorfor?", proposal=card)
    assign_question(question, by=finance, department=department_a, deadline=date(2026, 10, 1))
    answer_question(question, by=editor_a, answer="Derfor.")
    assert question.answered_revision.number == 2
    # A draft written before answers were tied gets the version current at its release.
    Question.objects.filter(pk=question.pk).update(answered_revision=None)
    revise_proposal(card, by=finance, fields={"title": "Nyere"}, years={}, based_on_version=2)
    released = release_question(Question.objects.get(pk=question.pk), by=finance)
    assert Question.objects.get(pk=released.pk).answered_revision.number == 3
