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
