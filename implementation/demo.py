"""Demo: Norddjurs' implementation plan 2024-2027 and case 23/9260 (seed 002)."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from budget_portal.demo import cycle_from_fixture, read_fixture
from budget_portal.models import Committee
from implementation.models import (
    Absence,
    Case,
    ImplementationPlan,
    PlanGroup,
    PlanItem,
    Treatment,
)


@transaction.atomic
def load_norddjurs_plan(fixture: str = "norddjurs_plan_2024.json") -> str:
    data = read_fixture(fixture)
    cycle = cycle_from_fixture(data, data["cycle"]["slug"])
    spec = data["plan"]
    plan, _ = ImplementationPlan.objects.update_or_create(
        cycle=cycle, defaults={"title": spec["title"], "released": True}
    )
    committee_names = sorted(
        {n for g in spec["groups"] for i in g["items"] for n in i["committees"]}
    )
    committees = {}
    for number, name in enumerate(committee_names, start=1):
        committees[name] = Committee.objects.filter(cycle=cycle, name=name).first() or (
            Committee.objects.create(cycle=cycle, name=name, number=_free_number(cycle, number))
        )
    item_count = 0
    for position, g in enumerate(spec["groups"]):
        group, _ = PlanGroup.objects.update_or_create(
            plan=plan, name=g["name"], defaults={"position": position}
        )
        for item_position, i in enumerate(g["items"]):
            item, created = PlanItem.objects.get_or_create(
                group=group,
                title=i["title"],
                defaults={
                    "kind": _kind(i["kind"]),
                    "timing": i.get("timing", ""),
                    "process": i.get("process", ""),
                    "completed": i.get("completed", False),
                    "position": item_position,
                },
            )
            if created:
                item.committees.set([committees[n] for n in i["committees"]])
            item_count += 1
    c = data["case"]
    case, _ = Case.objects.update_or_create(
        number=c["number"],
        defaults={
            "cycle": cycle,
            "plan": plan,
            "is_open": c["open"],
            "title": c["title"],
            "routing": ", ".join(c["routing"]),
            "presentation": c["presentation"],
            "related_policies": c.get("related_policies", ""),
            "economic_consequences": c.get("economic_consequences", ""),
            "legal_basis": c.get("legal_basis", ""),
            "recommendation": c.get("recommendation", ""),
        },
    )
    for t in c["treatments"]:
        treatment, _ = Treatment.objects.update_or_create(
            case=case,
            body=t["body"],
            meeting_date=date.fromisoformat(t["date"]),
            defaults={"recommendation": t.get("recommendation", ""), "decision": t["decision"]},
        )
        treatment.absences.all().delete()
        Absence.objects.bulk_create(
            Absence(treatment=treatment, name=a["name"], note=a.get("note", ""))
            for a in t.get("absent", [])
        )
    return f"{cycle}: udmøntningsplan med {item_count} punkter; sag {case.number}."


def _kind(text: str) -> str:
    return {
        "driftsændring": "driftsaendring",
        "anlægsprojekt": "anlaegsprojekt",
        "hensigtserklæring": "hensigtserklaering",
    }.get(text, text)


def _free_number(cycle, wanted: int) -> int:
    used = set(Committee.objects.filter(cycle=cycle).values_list("number", flat=True))
    number = wanted
    while number in used:
        number += 1
    return number
