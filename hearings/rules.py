"""Who may do what with a hearing's responses and internal material (django-rules)."""

from __future__ import annotations

import rules

from budget_portal.navigation import is_public_visitor
from budget_portal.roles import is_finance

# The høringsnotat names senders and quotes unpublished responses: finance only, read and write.
rules.add_perm("hearings.view_note", is_finance)
rules.add_perm("hearings.change_note", is_finance)
# Moderating responses (publish, redact, reject, their attachments and the Excel list) and
# answering a person's request for their data: finance's work.
rules.add_perm("hearings.moderate_responses", is_finance)
rules.add_perm("hearings.handle_personal_data", is_finance)
# The header's "Høringer": finance moderates there, the public reads and answers there.
rules.add_perm("hearings.use_hearing_list", is_finance | is_public_visitor)
