"""Who may do what to the spine's own objects (django-rules)."""

from __future__ import annotations

import rules

from budget_portal.roles import is_finance

# The price and wage index converts every total; only finance sets it.
rules.add_perm("budget_portal.change_price_table", is_finance)
# A failed publication's technical cause is for finance, who can act on it; others see
# only that it failed.
rules.add_perm("budget_portal.view_publication_error", is_finance)
# The header's Administration item: Django's admin is finance's tool.
rules.add_perm("budget_portal.use_administration", is_finance)
