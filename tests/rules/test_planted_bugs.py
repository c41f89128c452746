"""Rules that a review's planted bugs slipped past: each test names the rule it pins.

Each was checked by planting the bug in the code, seeing the test fail, and reverting.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from politics.models import Question
from politics.questions import answer_question, ask_question, assign_question, release_question
from proposals.models import Proposal, Revision, Status
from proposals.services import revise_proposal
from tests.factories import UserFactory, make_card

pytestmark = pytest.mark.django_db


@pytest.fixture
def released_card(finance, department_a, committee):
    return make_card(
        by=finance,
        department=department_a,
        committee=committee,
        number="T101",
        status=Status.RELEASED,
    )


def test_rule_a_card_is_listed_once_when_its_department_has_two_editors(
    released_card, department_a, editor_a
):
    # Proposal.visible_to joins the department's editors: without distinct the card doubles.
    department_a.editors.add(UserFactory(roles=["afdeling"]))
    visible = Proposal.objects.visible_to(editor_a).filter(cycle=released_card.cycle)
    assert list(visible.values_list("number", flat=True)) == ["T101"]


def test_rule_only_an_editor_of_the_department_may_revise_a_card(released_card, editor_b):
    before = Revision.objects.filter(proposal=released_card).count()
    with pytest.raises(PermissionDenied):
        revise_proposal(
            released_card,
            by=editor_b,
            fields={"title": "Ændret af en uvedkommende"},
            years={},
            based_on_version=released_card.version,
        )
    released_card.refresh_from_db()
    assert released_card.title == "Forslag T101"
    assert Revision.objects.filter(proposal=released_card).count() == before


def _assigned(cycle, politician_a, finance, department_a, *, days_left):
    q = ask_question(cycle, by=politician_a, text="Hvad koster det?")
    return assign_question(
        q,
        by=finance,
        department=department_a,
        deadline=timezone.localdate() + timedelta(days=days_left),
    )


def test_rule_a_released_answer_is_not_answered_again(
    cycle, politician_a, finance, department_a, editor_a
):
    q = _assigned(cycle, politician_a, finance, department_a, days_left=3)
    answer_question(q, by=editor_a, answer="Det koster 1 mio. kr.")
    release_question(q, by=finance)
    for who in (finance, editor_a):
        with pytest.raises(PermissionDenied):
            answer_question(q, by=who, answer="Et andet svar")
    q.refresh_from_db()
    assert q.answer == "Det koster 1 mio. kr."


def test_rule_overdue_means_past_the_deadline_and_still_unanswered(
    cycle, politician_a, finance, department_a, editor_a
):
    late_open = _assigned(cycle, politician_a, finance, department_a, days_left=-2)
    late_answered = _assigned(cycle, politician_a, finance, department_a, days_left=-2)
    answer_question(late_answered, by=editor_a, answer="Svar.")
    late_released = _assigned(cycle, politician_a, finance, department_a, days_left=-2)
    answer_question(late_released, by=editor_a, answer="Svar.")
    release_question(late_released, by=finance)
    _assigned(cycle, politician_a, finance, department_a, days_left=2)

    today = timezone.localdate()
    assert list(Question.objects.overdue(today)) == [late_open]
    late = {q.pk: q.is_late for q in Question.objects.with_overdue(today)}
    assert late[late_open.pk] is True
    assert late[late_answered.pk] is False
    assert late[late_released.pk] is False
