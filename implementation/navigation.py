"""The implementation plan in finance's header."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from budget_portal.models import BudgetCycle
from budget_portal.navigation import has_perm, register
from implementation.models import ImplementationPlan


def plan_url(cycle: BudgetCycle | None) -> str | None:
    """The cycle's plan; before there is one, where finance creates it."""
    if cycle is None:
        return None
    if ImplementationPlan.objects.filter(cycle=cycle).exists():
        return reverse("implementation:plan", kwargs={"cycle_slug": cycle.slug})
    return reverse("admin:implementation_implementationplan_add")


def register_navigation() -> None:
    # Whoever changes the plan finds it (or where to create it) in the header.
    shown_to = has_perm("implementation.change_plan")
    register("plan", _("Udmøntningsplan"), order=70, shown_to=shown_to, url=plan_url)
