"""The implementation plan in finance's header."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from budget_portal.models import BudgetCycle
from budget_portal.navigation import has_perm, register


def plan_url(cycle: BudgetCycle | None) -> str | None:
    """The cycle's plan page; before there is a plan, it says where finance creates it. Not
    asked here: the header is on every page, and a query for it would be too."""
    if cycle is None:
        return None
    return reverse("implementation:plan", kwargs={"cycle_slug": cycle.slug})


def register_navigation() -> None:
    # Whoever changes the plan finds it (or where to create it) in the header.
    shown_to = has_perm("implementation.change_plan")
    register("plan", _("Udmøntningsplan"), order=70, shown_to=shown_to, url=plan_url)
