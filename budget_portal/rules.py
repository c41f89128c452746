"""Who may do what to the spine's own objects (django-rules)."""

from __future__ import annotations

import rules

from budget_portal.roles import is_finance

# The price and wage index converts every total; only finance sets it.
rules.add_perm("budget_portal.change_price_table", is_finance)
