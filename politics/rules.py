"""Who reaches the politicians' pages and whose scenarios they see."""

from __future__ import annotations

import rules

from budget_portal.roles import is_finance, is_politician

uses_reading_room = is_finance | is_politician


@rules.predicate
def owns(user, scenario) -> bool:
    return scenario is not None and scenario.owner_id == user.pk


rules.add_perm("politics.use_reading_room", uses_reading_room)
rules.add_perm("politics.change_scenario", owns)
rules.add_perm("politics.set_targets", is_finance)


@rules.predicate
def answers_for_department(user, question) -> bool:
    return (
        question is not None
        and question.department_id is not None
        and question.department.editors.filter(pk=user.pk).exists()
    )


@rules.predicate
def not_released(user, question) -> bool:
    return question is not None and question.state != "frigivet"


rules.add_perm("politics.ask_question", is_politician)
rules.add_perm("politics.assign_question", is_finance)
rules.add_perm("politics.answer_question", not_released & (is_finance | answers_for_department))
rules.add_perm("politics.release_question", is_finance)
