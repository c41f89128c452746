"""Who may do what with a hearing's responses and internal material (django-rules)."""

from __future__ import annotations

import rules

from budget_portal.roles import is_finance

# The høringsnotat names senders and quotes unpublished responses: finance only, read and write.
rules.add_perm("hearings.view_note", is_finance)
rules.add_perm("hearings.change_note", is_finance)
# Moderating responses (publish, redact, reject, their attachments and the Excel list) and
# answering a person's request for their data: finance's work.
rules.add_perm("hearings.moderate_responses", is_finance)
rules.add_perm("hearings.handle_personal_data", is_finance)
