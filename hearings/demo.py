"""Demo hearings: Allerød's two hearing periods of 2023 (seed 004), linked to the calendar."""

from __future__ import annotations

from django.db import transaction

from budget_portal.demo import aware, load_calendar, read_fixture
from budget_portal.models import BudgetCycle
from hearings.models import Hearing


@transaction.atomic
def load_hearings(fixture: str = "alleroed_2024.json") -> str:
    data = read_fixture(fixture)
    load_calendar(fixture)
    cycle = BudgetCycle.objects.get(slug=data["cycle"]["slug"])
    for spec in data["hearings"]:
        Hearing.objects.update_or_create(
            slug=spec["slug"],
            defaults={
                "cycle": cycle,
                "title": spec["title"],
                "text": spec["text"],
                "opens_at": aware(spec["opens_at"]),
                "closes_at": aware(spec["closes_at"]),
                "milestone": cycle.milestones.filter(date_label=spec["milestone"]).first(),
            },
        )
    return f"{cycle}: {len(data['hearings'])} høringer."
