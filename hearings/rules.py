"""Who may do what with a hearing's internal material (django-rules)."""

from __future__ import annotations

import rules

from budget_portal.roles import is_finance

# The høringsnotat names senders and quotes unpublished responses: finance only, read and write.
rules.add_perm("hearings.view_note", is_finance)
rules.add_perm("hearings.change_note", is_finance)
