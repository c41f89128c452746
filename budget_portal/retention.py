"""Retention: each app registers the purge that enforces its own retention rule, in its
AppConfig.ready(); the nightly job (budget_portal.tasks.purge_personal_data) runs them all.

The spine so runs the hearings' and the audit log's purges without importing either app.
"""

from __future__ import annotations

from collections.abc import Callable

# (order, name, purge); a purge deletes what its rule says is due and returns how many.
_PURGES: list[tuple[int, str, Callable[[], int]]] = []


def register_purge(order: int, name: str, purge: Callable[[], int]) -> None:
    if all(existing != name for _order, existing, _purge in _PURGES):
        _PURGES.append((order, name, purge))


def purge_all() -> dict[str, int]:
    """Run every registered purge, in order; what each one removed, by name."""
    return {name: purge() for _order, name, purge in sorted(_PURGES, key=lambda item: item[0])}
