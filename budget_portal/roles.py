"""Role predicates (django-rules) shared by every app: who a user is, not what they may touch."""

from __future__ import annotations

import rules

from budget_portal.models import Role

is_finance = rules.is_group_member(Role.FINANCE.value) | rules.is_superuser
is_department_editor = rules.is_group_member(Role.DEPARTMENT.value)
is_politician = rules.is_group_member(Role.POLITICIAN.value)


@rules.predicate
def edits_department(user, department) -> bool:
    if department is None or not user.is_authenticated:
        return False
    return department.editors.filter(pk=user.pk).exists()
