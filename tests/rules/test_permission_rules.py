"""Who may do what, asked the way the views ask it (user.has_perm with and without the object).

Each test names one rule; the refused cases are tested as carefully as the allowed ones.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from implementation.models import Case, ImplementationPlan
from letters.models import CoverLetter, LetterStatus
from politics.questions import answer_question, ask_question, assign_question, release_question
from politics.services import create_scenario
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_rule_only_finance_and_politicians_use_the_reading_room(finance, politician_a, editor_a):
    assert finance.has_perm("politics.use_reading_room")
    assert politician_a.has_perm("politics.use_reading_room")
    assert not editor_a.has_perm("politics.use_reading_room")
    assert not AnonymousUser().has_perm("politics.use_reading_room")


def test_rule_a_scenario_is_changed_by_its_owner_only(cycle, politician_a, politician_b, finance):
    scenario = create_scenario(cycle, by=politician_a, name="Eget")
    assert politician_a.has_perm("politics.change_scenario", scenario)
    assert not politician_b.has_perm("politics.change_scenario", scenario)
    assert not finance.has_perm("politics.change_scenario", scenario)
    assert not politician_a.has_perm("politics.change_scenario")


def test_rule_only_finance_sets_targets_assigns_and_releases(finance, politician_a, editor_a):
    superuser = UserFactory(is_superuser=True)
    for perm in ("politics.set_targets", "politics.assign_question", "politics.release_question"):
        assert finance.has_perm(perm), perm
        assert superuser.has_perm(perm), perm
        assert not politician_a.has_perm(perm), perm
        assert not editor_a.has_perm(perm), perm


def test_rule_only_politicians_ask_questions(finance, politician_a, editor_a):
    assert politician_a.has_perm("politics.ask_question")
    assert not finance.has_perm("politics.ask_question")
    assert not editor_a.has_perm("politics.ask_question")


def test_rule_a_question_is_answered_by_finance_or_its_departments_editors_until_released(
    cycle, politician_a, finance, department_a, department_b, editor_a, editor_b
):
    question = ask_question(cycle, by=politician_a, text="Hvad koster det?")
    # Not yet assigned: no department answers it, finance may.
    assert finance.has_perm("politics.answer_question", question)
    assert not editor_a.has_perm("politics.answer_question", question)
    assign_question(
        question,
        by=finance,
        department=department_a,
        deadline=timezone.localdate() + timedelta(days=3),
    )
    assert editor_a.has_perm("politics.answer_question", question)
    assert not editor_b.has_perm("politics.answer_question", question)
    assert not politician_a.has_perm("politics.answer_question", question)
    assert not editor_a.has_perm("politics.answer_question")
    answer_question(question, by=editor_a, answer="Det koster 1 mio. kr.")
    assert editor_a.has_perm("politics.answer_question", question)
    release_question(question, by=finance)
    assert not editor_a.has_perm("politics.answer_question", question)
    assert not finance.has_perm("politics.answer_question", question)


@pytest.fixture
def draft_letter(cycle, department_a):
    return CoverLetter.objects.create(
        cycle=cycle, department=department_a, heading="Følgebrev", status=LetterStatus.DRAFT
    )


def test_rule_a_draft_letter_is_read_by_finance_and_its_departments_editors(
    draft_letter, finance, editor_a, editor_b, politician_a
):
    assert finance.has_perm("letters.view_letter", draft_letter)
    assert editor_a.has_perm("letters.view_letter", draft_letter)
    assert not editor_b.has_perm("letters.view_letter", draft_letter)
    assert not politician_a.has_perm("letters.view_letter", draft_letter)
    assert not AnonymousUser().has_perm("letters.view_letter", draft_letter)
    assert not editor_a.has_perm("letters.view_letter")


def test_rule_a_released_letter_is_read_by_everyone(draft_letter, editor_b, politician_a):
    draft_letter.status = LetterStatus.RELEASED
    draft_letter.save()
    assert editor_b.has_perm("letters.view_letter", draft_letter)
    assert politician_a.has_perm("letters.view_letter", draft_letter)
    assert AnonymousUser().has_perm("letters.view_letter", draft_letter)


def test_rule_a_letter_is_changed_by_finance_or_its_departments_editors(
    draft_letter, finance, editor_a, editor_b, politician_a, department_a
):
    assert finance.has_perm("letters.change_letter", draft_letter)
    assert editor_a.has_perm("letters.change_letter", draft_letter)
    assert not editor_b.has_perm("letters.change_letter", draft_letter)
    # Listed as an editor of the department but without the department role: no.
    outsider = UserFactory(roles=["politiker"])
    department_a.editors.add(outsider)
    assert not outsider.has_perm("letters.change_letter", draft_letter)
    assert not editor_a.has_perm("letters.change_letter")
    for perm in ("letters.release_letter", "letters.view_grant_overview"):
        assert finance.has_perm(perm)
        assert not editor_a.has_perm(perm)
        assert not politician_a.has_perm(perm)


def test_rule_a_released_plan_is_public_an_unreleased_one_is_for_staff(
    cycle, finance, politician_a, editor_a
):
    plan = ImplementationPlan.objects.create(cycle=cycle, title="Plan", released=False)
    for staff in (finance, politician_a, editor_a):
        assert staff.has_perm("implementation.view_plan", plan)
    assert not AnonymousUser().has_perm("implementation.view_plan", plan)
    assert not UserFactory(roles=[]).has_perm("implementation.view_plan", plan)
    plan.released = True
    plan.save()
    assert AnonymousUser().has_perm("implementation.view_plan", plan)
    assert not AnonymousUser().has_perm("implementation.view_plan")
    assert finance.has_perm("implementation.change_plan")
    assert not politician_a.has_perm("implementation.change_plan")


def test_rule_an_open_case_is_public_a_closed_one_for_finance(cycle, finance, politician_a):
    case = Case.objects.create(cycle=cycle, number="23/1", title="Sag", is_open=True)
    assert AnonymousUser().has_perm("implementation.view_case", case)
    case.is_open = False
    case.save()
    assert not AnonymousUser().has_perm("implementation.view_case", case)
    assert not politician_a.has_perm("implementation.view_case", case)
    assert finance.has_perm("implementation.view_case", case)
    assert not politician_a.has_perm("implementation.view_case")


def test_rule_the_hearing_note_is_finance_only(finance, editor_a, politician_a):
    for perm in ("hearings.view_note", "hearings.change_note"):
        assert finance.has_perm(perm)
        assert not editor_a.has_perm(perm)
        assert not politician_a.has_perm(perm)
