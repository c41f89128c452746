"""Demo data: the seed documents as data. Each app registers its loader; loaddemo runs them.

Loaders go through the same services users go through and are idempotent: a second run
creates nothing new and gives no card a new version.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from budget_portal.models import BudgetCycle, Committee, Milestone, Phase, Role

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
DEMO_PASSWORD = "budget2026"  # noqa: S105 - documented demo logins, refused outside DEBUG

# (username, full name, role, department names they edit)
DEMO_USERS = (
    ("okonomi", "Olga Økonomi", Role.FINANCE, ()),
    ("afdeling", "Anders Afdeling", Role.DEPARTMENT, ("Økonomi og Personale",)),
    ("afdeling2", "Bodil Børn", Role.DEPARTMENT, ("Børn og Familie",)),
    ("politiker", "Per Politiker", Role.POLITICIAN, ()),
    ("politiker2", "Vera Vestergaard", Role.POLITICIAN, ()),
)

# (order, name, loader); loaders return a one-line summary.
_LOADERS: list[tuple[int, str, Callable[[], str]]] = []


def register_loader(order: int, name: str, loader: Callable[[], str]) -> None:
    if all(existing != name for _o, existing, _l in _LOADERS):
        _LOADERS.append((order, name, loader))


def load_all() -> list[str]:
    return [loader() for _order, _name, loader in sorted(_LOADERS, key=lambda item: item[0])]


def read_fixture(name: str) -> dict:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def demo_users() -> dict[str, object]:
    User = get_user_model()
    users = {}
    for username, full_name, role, _departments in DEMO_USERS:
        first, last = full_name.split(" ", 1)
        user, created = User.objects.get_or_create(
            username=username, defaults={"first_name": first, "last_name": last}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        user.groups.add(Group.objects.get_or_create(name=role.value)[0])
        if role == Role.FINANCE and not user.is_staff:
            # Finance sets up hearings and the calendar in the administration.
            user.is_staff = True
            user.save(update_fields=["is_staff"])
        users[username] = user
    admin, created = User.objects.get_or_create(
        username="admin", defaults={"is_staff": True, "is_superuser": True, "first_name": "Admin"}
    )
    if created:
        admin.set_password(DEMO_PASSWORD)
        admin.save()
    users["admin"] = admin
    return users


def cycle_from_fixture(data: dict, slug: str) -> BudgetCycle:
    spec = data["cycle"]
    cycle, _ = BudgetCycle.objects.update_or_create(
        slug=slug,
        defaults={
            "municipality": data["municipality"],
            "name": spec["name"],
            "first_year": spec["first_year"],
            "years": spec["years"],
            "price_year": spec["price_year"],
        },
    )
    for c in data.get("committees", []):
        Committee.objects.update_or_create(
            cycle=cycle, number=c["number"], defaults={"name": c["name"]}
        )
    return cycle


@transaction.atomic
def load_calendar(fixture: str = "alleroed_2024.json") -> str:
    """A cycle's phases and milestones (seed 004: Allerød's budget process 2024-31)."""
    data = read_fixture(fixture)
    cycle = cycle_from_fixture(data, data["cycle"]["slug"])
    phases = {}
    for p in data["phases"]:
        phases[p["number"]], _ = Phase.objects.update_or_create(
            cycle=cycle,
            number=p["number"],
            defaults={"name": p["name"], "description": p["description"]},
        )
    for position, m in enumerate(data["milestones"]):
        Milestone.objects.update_or_create(
            cycle=cycle,
            date_label=m["date_label"],
            title=m["title"],
            defaults={
                "phase": phases[m["phase"]],
                "kind": m["kind"],
                "text": m["text"],
                "bodies": m.get("bodies", ""),
                "starts_on": date.fromisoformat(m["starts_on"]),
                "ends_on": date.fromisoformat(m["ends_on"]) if m.get("ends_on") else None,
                "approximate": m.get("approximate", False),
                "in_schedule": m.get("in_schedule", True),
                "position": position,
            },
        )
    deadline = cycle.milestones.filter(date_label=data.get("amendment_deadline", "")).first()
    if deadline and cycle.amendment_deadline_id != deadline.pk:
        cycle.amendment_deadline = deadline
        cycle.save(update_fields=["amendment_deadline"])
    return f"{cycle}: {len(data['phases'])} faser, {len(data['milestones'])} aktiviteter."


def aware(text: str) -> datetime:
    """An ISO date-time from a fixture, in the municipality's time zone."""
    return timezone.make_aware(datetime.fromisoformat(text))
