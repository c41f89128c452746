"""Finding a budget cycle from what a person types on the command line."""

from __future__ import annotations

from django.core.management.base import CommandError

from budget_portal.models import BudgetCycle


def cycle_from_arg(value: str) -> BudgetCycle:
    """A cycle by slug ("norddjurs-2026") or by first year ("2026") when only one has it."""
    cycle = BudgetCycle.objects.filter(slug=value).first()
    if cycle:
        return cycle
    if value.isdigit():
        matches = list(BudgetCycle.objects.filter(first_year=int(value)))
        if len(matches) == 1:
            return matches[0]
        if matches:
            slugs = ", ".join(c.slug for c in matches)
            raise CommandError(f"Flere budgetår starter i {value}: brug et af {slugs}.")
    raise CommandError(f"Budgetåret {value!r} findes ikke.")
