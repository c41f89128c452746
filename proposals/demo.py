"""The demo data: the seed documents as data, loaded through the same services users go through."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from budget_portal.models import BudgetCycle, Committee, Department, Role
from proposals.models import Proposal, Status
from proposals.services import YearValues, change_status, create_proposal, revise_proposal

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
DEMO_PASSWORD = "budget2026"  # noqa: S105 - documented demo logins, refused outside DEBUG

# (username, full name, role, department names they edit)
DEMO_USERS = (
    ("okonomi", "Olga Økonomi", Role.FINANCE, ()),
    ("afdeling", "Anders Afdeling", Role.DEPARTMENT, ("Økonomi og Personale",)),
    ("afdeling2", "Bodil Børn", Role.DEPARTMENT, ("Børn og Familie",)),
    ("politiker", "Per Politiker", Role.POLITICIAN, ()),
)
# Not in the seed: which department drafted each card. ØU's cards sit with the central
# administration, the children's committee's with its department.
NORDDJURS_DEPARTMENTS = (("Økonomi og Personale", 1), ("Børn og Familie", 3))


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
        user.groups.add(Group.objects.get(name=role.value))
        users[username] = user
    admin, created = User.objects.get_or_create(
        username="admin", defaults={"is_staff": True, "is_superuser": True, "first_name": "Admin"}
    )
    if created:
        admin.set_password(DEMO_PASSWORD)
        admin.save()
    users["admin"] = admin
    return users


def _years(card: dict) -> dict[int, YearValues]:
    return {
        row["year"]: YearValues(
            row["expenses"],
            row["revenues"],
            None if row["fte"] is None else Decimal(row["fte"]),
        )
        for row in card["years"]
    }


@transaction.atomic
def load_norddjurs(path: Path | None = None) -> tuple[BudgetCycle, int, int]:
    """Norddjurs' cards T101-T304 (seed 003). Returns the cycle, cards created, cards revised."""
    data = json.loads((path or FIXTURES / "norddjurs_2026.json").read_text(encoding="utf-8"))
    users = demo_users()
    finance = users["okonomi"]
    spec = data["cycle"]
    cycle, _ = BudgetCycle.objects.update_or_create(
        slug="norddjurs-2026",
        defaults={
            "municipality": data["municipality"],
            "name": spec["name"],
            "first_year": spec["first_year"],
            "years": spec["years"],
            "price_year": spec["price_year"],
        },
    )
    committees = {}
    for c in data["committees"]:
        committees[c["name"]], _ = Committee.objects.update_or_create(
            cycle=cycle, number=c["number"], defaults={"name": c["name"]}
        )
    by_number = {c.number: c for c in committees.values()}
    departments = {}
    for name, committee_number in NORDDJURS_DEPARTMENTS:
        departments[committee_number], _ = Department.objects.update_or_create(
            cycle=cycle, name=name, defaults={"committee": by_number[committee_number]}
        )
    for username, _full, _role, names in DEMO_USERS:
        for dept in Department.objects.filter(cycle=cycle, name__in=names):
            dept.editors.add(users[username])

    created = revised = 0
    for card in data["cards"]:
        committee = committees[card["committee"]]
        fields = {
            "number": card["number"],
            "kind": card["kind"],
            "title": card["title"],
            "committee": committee,
            "department": departments[committee.number],
            "price_year": card["price_year"],
            "start_date": date.fromisoformat(card["start_date"]) if card["start_date"] else None,
            "service_frame": card["service_frame"],
            "service_frame_note": card["service_frame_note"],
            "pending_note": card["pending_note"],
            "background": card["background"],
            "consequences": card["consequences"],
        }
        existing = Proposal.objects.filter(cycle=cycle, number=card["number"]).first()
        if existing is None:
            proposal = create_proposal(cycle, by=finance, fields=fields, years=_years(card))
            created += 1
        else:
            proposal = existing
            if revise_proposal(
                proposal,
                by=finance,
                fields=fields,
                years=_years(card),
                based_on_version=proposal.version,
            ):
                revised += 1
        if proposal.status == Status.DRAFT:
            change_status(
                proposal, by=finance, target=Status.RELEASED, based_on_version=proposal.version
            )
    return cycle, created, revised
