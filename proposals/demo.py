"""Demo cards: Norddjurs' technical corrections T101-T304 (seed 003)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction

from budget_portal.demo import DEMO_USERS, cycle_from_fixture, demo_users, read_fixture
from budget_portal.figures import YearValues
from budget_portal.models import Department
from proposals.models import Proposal, Status
from proposals.services import change_status, create_proposal, revise_proposal

# Not in the seed: which department drafted each card. ØU's cards sit with the central
# administration, the children's committee's with its department.
NORDDJURS_DEPARTMENTS = (("Økonomi og Personale", 1), ("Børn og Familie", 3))


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
def load_norddjurs(fixture: str = "norddjurs_2026.json") -> str:
    """Norddjurs' cards T101-T304 (seed 003), released to the politicians."""
    data = read_fixture(fixture)
    users = demo_users()
    finance = users["okonomi"]
    cycle = cycle_from_fixture(data, "norddjurs-2026")
    committees = {c.name: c for c in cycle.committees.all()}
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
    return f"{cycle}: {created} kort oprettet, {revised} opdateret."


# Not in the seed: two cards of the demo's own, so the workflow has something to show. A
# draft the department editor `afdeling` can edit and send on, and a card `afdeling2` has
# sent to finance, awaiting release.
WORKFLOW_CARDS = (
    {
        "number": "U110",
        "title": "Flere digitale selvbetjeningsløsninger",
        "department": "Økonomi og Personale",
        "editor": "afdeling",
        "status": Status.DRAFT,
        "expenses": 400_000,
        "background": "Borgerne skal kunne klare flere henvendelser selv på kommunens "
        "hjemmeside. Demokort: ikke fra seed-dokumenterne.",
    },
    {
        "number": "U301",
        "title": "Lektiecafé på alle skoler",
        "department": "Børn og Familie",
        "editor": "afdeling2",
        "status": Status.SUBMITTED,
        "expenses": 750_000,
        "background": "En lektiecafé to eftermiddage om ugen på hver skole. Demokort: ikke "
        "fra seed-dokumenterne.",
    },
)
WORKFLOW_NUMBERS = tuple(spec["number"] for spec in WORKFLOW_CARDS)


@transaction.atomic
def load_norddjurs_workflow() -> str:
    """A draft with its department and a submitted card awaiting finance. Made once: a card
    that exists is left in whatever state the demo has moved it to since."""
    users = demo_users()
    cycle = cycle_from_fixture(read_fixture("norddjurs_2026.json"), "norddjurs-2026")
    created = 0
    for spec in WORKFLOW_CARDS:
        if Proposal.objects.filter(cycle=cycle, number=spec["number"]).exists():
            continue
        department = Department.objects.get(cycle=cycle, name=spec["department"])
        editor = users[spec["editor"]]
        proposal = create_proposal(
            cycle,
            by=editor,
            fields={
                "number": spec["number"],
                "kind": "U",
                "title": spec["title"],
                "committee": department.committee,
                "department": department,
                "price_year": cycle.price_year,
                "start_date": date(cycle.first_year, 1, 1),
                "background": spec["background"],
            },
            years={y: YearValues(spec["expenses"], 0, None) for y in cycle.year_range},
        )
        if spec["status"] != Status.DRAFT:
            change_status(
                proposal, by=editor, target=spec["status"], based_on_version=proposal.version
            )
        created += 1
    return f"{cycle}: {created} demokort til arbejdsgangen (kladde U110, indsendt U301)."
