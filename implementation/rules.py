"""Who may read and change the implementation plan and cases."""

from __future__ import annotations

import rules

from budget_portal.roles import is_department_editor, is_finance, is_politician

is_staff_reader = is_finance | is_politician | is_department_editor


@rules.predicate
def plan_released(user, plan) -> bool:
    return plan is not None and plan.released


@rules.predicate
def case_open(user, case) -> bool:
    return case is not None and case.is_open


rules.add_perm("implementation.view_plan", plan_released | is_staff_reader)
rules.add_perm("implementation.change_plan", is_finance)
rules.add_perm("implementation.view_case", case_open | is_finance)
