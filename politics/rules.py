"""Who may do what on the politicians' side: reading room, scenarios, questions, amendments,
comments. Every politics view, form, queryset and header item asks these, never a role."""

from __future__ import annotations

import rules

from budget_portal.roles import is_department_editor, is_finance, is_politician
from politics.models import party_of
from proposals.rules import can_view as can_view_card

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
    return question is not None and not question.is_released


@rules.predicate
def edits_a_department_of(user, cycle) -> bool:
    return (
        cycle is not None
        and user.is_authenticated
        and cycle.departments.filter(editors=user).exists()
    )


rules.add_perm("politics.ask_question", is_politician)
rules.add_perm("politics.assign_question", is_finance)
rules.add_perm("politics.answer_question", not_released & (is_finance | answers_for_department))
rules.add_perm("politics.release_question", is_finance)
# Every question of every party, with its true state (a draft answer is "Besvaret").
rules.add_perm("politics.see_all_questions", is_finance)
# Whether "Besvaret (kladde)" exists for USER in CYCLE: finance and the answering departments.
rules.add_perm("politics.see_draft_answers", is_finance | edits_a_department_of)


@rules.predicate
def in_a_party(user) -> bool:
    return user.is_authenticated and party_of(user) is not None


rules.add_perm("politics.submit_amendment", is_politician & in_a_party)
# Every party's amendments, and the numbered list as PDF and Excel.
rules.add_perm("politics.see_all_amendments", is_finance)
rules.add_perm("politics.set_amendment_deadline", is_finance)


@rules.predicate
def is_public_card(user, card) -> bool:
    return card is not None and card.is_public


@rules.predicate
def wrote(user, comment) -> bool:
    return comment is not None and comment.author_id == user.pk


rules.add_perm("politics.comment_on", uses_reading_room & is_public_card)
# Released answers go with the card they are about: whoever may read the card (citizens a
# public one), as its PDF and the catalogs print them for every reader of those.
rules.add_perm("politics.read_card_answers", can_view_card)
rules.add_perm("politics.change_comment", uses_reading_room & wrote)

# The header's items (navigation.py): the places each role works in. The pages check the
# permissions above; finance reaches the reading room and scenarios, but by its own menu.
offers_reading_room = is_politician
offers_questions = is_finance | is_department_editor | is_politician
offers_amendments = is_finance | is_politician
offers_targets = is_finance
