"""Demo: Aarhus Kommune, Borgmesterens Afdeling, letters 2024-2027 and 2026-2029 (seeds 000-001)."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from budget_portal.demo import cycle_from_fixture, demo_users, read_fixture
from budget_portal.models import Committee, Department
from letters.models import (
    CoverLetter,
    ExpiringGrant,
    GrantShortfall,
    LetterAttachment,
    LetterStatus,
    LetterTheme,
    Signature,
)
from letters.services import record_revision


@transaction.atomic
def load_aarhus_letters(fixture: str = "aarhus_letters.json") -> str:
    data = read_fixture(fixture)
    finance = demo_users()["okonomi"]
    made = []
    for spec in data["letters"]:
        cycle = cycle_from_fixture(
            {"municipality": data["municipality"], **spec}, spec["cycle"]["slug"]
        )
        committee, _ = Committee.objects.get_or_create(
            cycle=cycle, number=1, defaults={"name": "Magistraten"}
        )
        department, _ = Department.objects.get_or_create(
            cycle=cycle, name=data["department"], defaults={"committee": committee}
        )
        letter, _ = CoverLetter.objects.update_or_create(
            cycle=cycle,
            department=department,
            defaults={
                "heading": spec["heading"],
                "intro": spec.get("intro", ""),
                "expiring_grants_heading": spec.get("expiring_grants_heading", ""),
                "expiring_grants_intro": spec.get("expiring_grants_intro", ""),
                "closing": spec.get("closing", ""),
                "status": LetterStatus.RELEASED,
            },
        )
        # The parts are replaced as a whole: the fixture is the truth for the demo.
        letter.attachments.all().delete()
        letter.themes.all().delete()
        letter.signatures.all().delete()
        letter.grants.all().delete()
        for i, title in enumerate(spec.get("attachments", [])):
            LetterAttachment.objects.create(letter=letter, title=title, position=i)
        for i, theme in enumerate(spec.get("themes", [])):
            LetterTheme.objects.create(
                letter=letter, heading=theme["heading"], text=theme["text"], position=i
            )
        for i, sig in enumerate(spec.get("signatures", [])):
            Signature.objects.create(
                letter=letter, name=sig["name"], title=sig["title"], position=i
            )
        for i, g in enumerate(spec.get("expiring_grants", [])):
            grant = ExpiringGrant.objects.create(
                letter=letter,
                name=g["name"],
                decision_body=g.get("decision_body") or "",
                decision_date=date.fromisoformat(g["decision_date"])
                if g.get("decision_date")
                else None,
                decision_amount=g.get("decision_amount"),
                period_start=g.get("period_start"),
                period_end=g.get("period_end"),
                text=g.get("text", ""),
                note=g.get("note", ""),
                position=i,
            )
            for m in g.get("missing", []):
                GrantShortfall.objects.create(grant=grant, year=m["year"], amount=m["amount"])
        record_revision(letter, by=finance, action="Indlæst fra demodata")
        made.append(str(cycle))
    return f"Aarhus Kommune: følgebreve for {', '.join(made)}."
