"""Rules of who may do what on the politicians' side (politics/rules.py), asked as the pages
ask them (`has_perm`): who sees that a draft answer exists, who may submit an amendment, which
cards take comments, and who may change a comment (found by mutation testing: these
predicates were only reached through the question tests, and `wrote` by none)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from politics.comments import add_comment
from politics.models import Comment
from proposals.models import Status
from tests.factories import CycleFactory, DepartmentFactory, UserFactory, make_card

pytestmark = pytest.mark.django_db


def test_rule_draft_answers_show_to_finance_and_the_editors_of_this_cycle_s_departments(
    cycle, finance, editor_a, department_a, politician, committee
):
    DepartmentFactory(cycle=cycle, name="Uden redaktør", committee=committee)
    later = CycleFactory(slug="testrup-2027", first_year=2027)
    elsewhere = UserFactory(username="else", roles=["afdeling"])
    DepartmentFactory(cycle=later, name="Økonomi", editors=[elsewhere])

    def sees(user, which=cycle) -> bool:
        return user.has_perm("politics.see_draft_answers", which)

    assert sees(finance) and sees(editor_a)
    assert not sees(politician)  # signed in, edits no department (one has no editor at all)
    assert not sees(elsewhere)  # edits a department, of another year's budget
    assert not sees(AnonymousUser())
    assert not sees(editor_a, None)


def test_rule_only_a_politician_in_a_party_submits_amendments(politician_a, politician, finance):
    assert politician_a.has_perm("politics.submit_amendment")
    assert not politician.has_perm("politics.submit_amendment")  # in no party
    assert not finance.has_perm("politics.submit_amendment")
    assert not AnonymousUser().has_perm("politics.submit_amendment")


def test_rule_comments_go_on_released_cards_only(finance, department_a, committee, politician_a):
    draft = make_card(by=finance, department=department_a, committee=committee, number="T101")
    released = make_card(by=finance, department=department_a, committee=committee,
                         number="T102", status=Status.RELEASED)  # fmt: skip
    assert politician_a.has_perm("politics.comment_on", released)
    assert not politician_a.has_perm("politics.comment_on", draft)
    assert not politician_a.has_perm("politics.comment_on", None)


def test_rule_only_its_author_changes_a_comment(
    finance, department_a, committee, politician_a, politician_a2
):
    card = make_card(by=finance, department=department_a, committee=committee,
                     number="T102", status=Status.RELEASED)  # fmt: skip
    comment = add_comment(card, by=politician_a, text="Hvad med 2027?", private=False)
    assert politician_a.has_perm("politics.change_comment", comment)
    assert not politician_a2.has_perm("politics.change_comment", comment)
    assert not finance.has_perm("politics.change_comment", comment)
    assert not politician_a.has_perm("politics.change_comment", None)
    assert Comment.objects.get().author == politician_a
