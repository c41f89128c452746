"""Rules of the role predicates (budget_portal/roles.py): a user edits a department only when
named among its editors, and nobody edits "no department"."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from budget_portal.roles import edits_department

pytestmark = pytest.mark.django_db


def test_rule_only_the_department_s_editors_edit_it_and_nobody_edits_none(
    department_a, department_b, editor_a
):
    assert edits_department(editor_a, department_a) is True
    assert edits_department(editor_a, department_b) is False
    assert edits_department(editor_a, None) is False
    assert edits_department(AnonymousUser(), department_a) is False
