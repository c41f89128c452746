"""What every page's layout needs: the portal's name, the header's links in the chosen
budget cycle and the cycles to switch between. Who may do what a template asks through
`perms` (django-rules), never through role flags."""

from __future__ import annotations

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from budget_portal.models import BudgetCycle
from budget_portal.navigation import chosen_cycle, nav_links


def portal(request) -> dict:
    user = request.user
    # Lazy: fragments and pages without the header never read the cycles.
    cycles = SimpleLazyObject(lambda: list(BudgetCycle.objects.newest_first()))
    nav_cycle = SimpleLazyObject(lambda: chosen_cycle(request, cycles) or _NoCycle())
    return {
        "portal_name": settings.PORTAL_NAME,
        "nav_cycles": cycles,
        "nav_cycle": nav_cycle,
        "nav_links": SimpleLazyObject(
            lambda: nav_links(user, chosen_cycle(request, cycles), request.path)
        ),
        "municipality_name": SimpleLazyObject(
            lambda: (
                getattr(chosen_cycle(request, cycles), "municipality", "")
                or settings.MUNICIPALITY_NAME
            )
        ),
    }


class _NoCycle:
    """Falsy stand-in: a SimpleLazyObject cannot wrap None."""

    slug = ""

    def __bool__(self) -> bool:
        return False
