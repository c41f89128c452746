"""Who reads and writes cover letters: finance all, a department's editors their own."""

from __future__ import annotations

import rules

from budget_portal.roles import edits_department, is_department_editor, is_finance


@rules.predicate
def is_released(user, letter) -> bool:
    return letter is not None and letter.is_released


@rules.predicate
def edits_letter_department(user, letter) -> bool:
    return letter is not None and edits_department(user, letter.department)


# Finance reads every letter, drafts too (CoverLetterQuerySet.visible_to asks this).
rules.add_perm("letters.view_every_letter", is_finance)
rules.add_perm("letters.view_letter", is_released | is_finance | edits_letter_department)
rules.add_perm(
    "letters.change_letter", is_finance | (is_department_editor & edits_letter_department)
)
# Releasing is final: a released letter is not released (and audited) again.
rules.add_perm("letters.release_letter", is_finance & ~is_released)
rules.add_perm("letters.view_grant_overview", is_finance)
# A department editor writes the department's letter: the header's "Følgebreve".
rules.add_perm("letters.write_department_letter", is_department_editor)
