"""Rules of the role and object predicates (budget_portal/roles.py, proposals/rules.py): a user
edits a department only when named among its editors, and without an object every object
predicate answers no."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from budget_portal.roles import edits_department
from proposals.rules import edits_in_cycle, is_public

pytestmark = pytest.mark.django_db


def test_rule_only_the_department_s_editors_edit_it_and_nobody_edits_none(
    department_a, department_b, editor_a
):
    assert edits_department(editor_a, department_a) is True
    assert edits_department(editor_a, department_b) is False
    assert edits_department(editor_a, None) is False
    assert edits_department(AnonymousUser(), department_a) is False


def test_rule_object_permissions_answer_no_without_an_object(editor_a, department_a, cycle):
    """The admin asks "may they ever?" without an object: the card and cycle predicates then
    answer no instead of failing."""
    assert is_public(editor_a, None) is False
    assert edits_in_cycle(editor_a, cycle) is True
    assert edits_in_cycle(editor_a, None) is False
    assert edits_in_cycle(AnonymousUser(), cycle) is False
    assert not editor_a.has_perm("proposals.add_proposal", None)
    assert editor_a.has_perm("proposals.add_proposal", cycle)
