"""Realistic benchmark data: a cycle, its committees and departments, cards and workbooks.

Cards are made through the services (create_proposal, change_status), as users make them, so
every card has its years and revisions. Import this module only after django.setup().
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import openpyxl
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from budget_portal.figures import YearValues
from budget_portal.models import BudgetCycle, Committee, Department
from proposals.models import Kind, Proposal, ServiceFrame, Status
from proposals.services import change_status, create_proposal
from proposals.workbook import SHEET, header_for

COMMITTEES = [
    (1, "Økonomiudvalget", "Økonomi og Personale"),
    (2, "Teknik- og Miljøudvalget", "Teknik og Miljø"),
    (3, "Børne- og Familieudvalget", "Børn og Familie"),
    (4, "Social- og Sundhedsudvalget", "Social og Sundhed"),
    (5, "Kultur- og Fritidsudvalget", "Kultur og Fritid"),
    (6, "Erhvervs- og Beskæftigelsesudvalget", "Erhverv og Beskæftigelse"),
]
# Kinds weighted roughly as in a real catalog: many corrections and reductions, few intents.
KINDS = ["T", "T", "T", "R", "R", "E", "U", "U", "A", "D", "H"]

_NOUNS = (
    "kommunen", "borgerne", "afdelingen", "budgettet", "institutionerne", "området", "udvalget",
    "byrådet", "aftalen", "tilskuddet", "personalet", "driften", "anlægget", "projektet",
    "lovgivningen", "servicen", "rammen", "bevillingen", "kontrakten", "leverandøren",
    "skolerne", "dagtilbuddene", "plejecentrene", "vejene", "bygningerne", "it-systemerne",
    "medarbejderne", "forældrene", "ældreområdet", "beskæftigelsesindsatsen", "sagsbehandlingen",
    "udbuddet", "energiforbruget", "vedligeholdelsen", "kapaciteten", "efterspørgslen",
)  # fmt: skip
_VERBS = (
    "forventes", "betyder", "medfører", "kræver", "understøtter", "reducerer", "øger",
    "finansierer", "omfatter", "indebærer", "styrker", "forudsætter", "afløser", "fastholder",
    "udvider", "tilpasser", "sikrer", "håndterer", "prioriterer", "justerer",
)  # fmt: skip
_ADJECTIVES = (
    "samlede", "årlige", "nuværende", "nye", "tekniske", "økonomiske", "varige", "midlertidige",
    "kommunale", "lovbundne", "forventede", "faktiske", "digitale", "fælles", "lokale",
    "nødvendige", "tilsvarende", "øgede", "reducerede", "administrative",
)  # fmt: skip
_FILLERS = (
    "i overslagsårene", "fra 2026", "på baggrund af regnskabet", "i forhold til budgettet",
    "som følge af den nye aftale", "jf. økonomiaftalen", "i løbet af budgetperioden",
    "efter dialog med KL", "på tværs af afdelingerne", "inden for den eksisterende ramme",
    "med virkning fra 1. januar", "i samarbejde med leverandøren", "uden servicereduktion",
    "i takt med udrulningen", "set over hele perioden", "når projektet er afsluttet",
)  # fmt: skip
_TITLE_WORDS = (
    "Digital", "udvikling", "af", "KOMBIT", "projekter", "tilpasning", "driftsbudget",
    "ældreområdet", "vedligehold", "skoler", "dagtilbud", "rengøring", "energibesparelser",
    "administrationsbidrag", "Udbetaling", "Danmark", "demografi", "busdrift", "vintertjeneste",
    "bibliotek", "licenser", "forsikringer", "lønpulje", "specialundervisning", "hjemmepleje",
    "rammeaftale", "anlæg", "renovering", "svømmehal", "stier", "og", "til", "på", "for",
)  # fmt: skip


def _sentence(rng: random.Random) -> str:
    words = [
        rng.choice(("Den", "Det", "De")),
        rng.choice(_ADJECTIVES),
        rng.choice(_NOUNS),
        rng.choice(_VERBS),
        rng.choice(_ADJECTIVES),
        rng.choice(_NOUNS),
        rng.choice(_FILLERS),
    ]
    for _ in range(rng.randint(1, 9)):
        words.append(rng.choice(_NOUNS + _ADJECTIVES + _VERBS + ("og", "at", "som", "til")))
    if rng.random() < 0.3:
        words.append(f"({rng.randint(1, 99) * 10_000:_} kr.)".replace("_", "."))
    return " ".join(words) + "."


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(3, 6)))


def _table(rng: random.Random, first_year: int) -> str:
    years = [first_year + i for i in range(4)]
    lines = [
        "| Mio. kr. | " + " | ".join(str(y) for y in years) + " |",
        "|---|" + "---:|" * len(years),
    ]
    for label in rng.sample(["Løn", "Drift", "Licenser", "Husleje", "Indtægter", "Anlæg"], 3):
        cells = " | ".join(
            f"{rng.randint(-2000, 5000) / 1000:.3f}".replace(".", ",") for _ in years
        )
        lines.append(f"| {label} | {cells} |")
    return "\n".join(lines)


def background_text(rng: random.Random, first_year: int) -> str:
    """3-5 paragraphs of Danish-like prose; about a third of the cards get a small table."""
    blocks = [_paragraph(rng) for _ in range(rng.randint(3, 5))]
    if rng.random() < 0.35:
        blocks.insert(rng.randint(1, len(blocks)), _table(rng, first_year))
    if rng.random() < 0.2:
        blocks.append("\n".join(f"- {_sentence(rng)}" for _ in range(rng.randint(2, 4))))
    return "\n\n".join(blocks)


def consequences_text(rng: random.Random) -> str:
    return "\n\n".join(_paragraph(rng) for _ in range(rng.randint(1, 2)))


def title_text(rng: random.Random) -> str:
    words = [rng.choice(_TITLE_WORDS) for _ in range(rng.randint(3, 8))]
    return " ".join(words).capitalize()


@dataclass
class World:
    cycle: BudgetCycle
    finance: object
    committees: dict[int, Committee]
    departments: dict[int, Department]


def build_world(slug: str = "bench-2026") -> World:
    """A four-year cycle, six committees with a department each, and a finance user."""
    cycle = BudgetCycle.objects.create(
        municipality="Benchrup Kommune",
        name="Budget 2026-2029",
        slug=slug,
        first_year=2026,
        years=4,
        price_year=2026,
    )
    committees, departments = {}, {}
    for number, committee_name, department_name in COMMITTEES:
        committees[number] = Committee.objects.create(
            cycle=cycle, number=number, name=committee_name
        )
        departments[number] = Department.objects.create(
            cycle=cycle, name=department_name, committee=committees[number]
        )
    finance = get_user_model().objects.create_user(
        username="okonomi-bench", first_name="Olga", last_name="Økonom", password=None
    )
    finance.groups.add(Group.objects.get_or_create(name="okonomi")[0])
    return World(cycle, finance, committees, departments)


@dataclass
class CardSpec:
    """One card's content, independent of how it gets into the database."""

    number: str
    kind: str
    title: str
    committee: int
    price_year: int
    start_date: date | None
    service_frame: str
    background: str
    consequences: str
    years: dict[int, YearValues]


def _amount(rng: random.Random) -> tuple[int | None, int | None]:
    """Expenses and revenues in whole kroner; now and then still unknown ("afventer")."""
    if rng.random() < 0.04:
        return None, None
    if rng.random() < 0.5:  # round thousands, as most cards are written
        expenses = rng.randint(-3_000, 9_000) * 1_000
    else:
        expenses = rng.randint(-3_000_000, 9_000_000)
    revenues = 0 if rng.random() < 0.7 else -rng.randint(0, 2_000) * 1_000
    return expenses, revenues


def card_specs(count: int, *, first_year: int = 2026, seed: int = 2026) -> list[CardSpec]:
    rng = random.Random(seed)
    serials: dict[tuple[str, int], int] = {}
    specs = []
    for i in range(count):
        committee = i % len(COMMITTEES) + 1
        kind = rng.choice(KINDS)
        serial = serials[kind, committee] = serials.get((kind, committee), 0) + 1
        years = {}
        fte = Decimal(rng.randint(0, 400)) / 100 if rng.random() < 0.4 else Decimal(0)
        for year in range(first_year, first_year + 4):
            expenses, revenues = _amount(rng)
            years[year] = YearValues(expenses, revenues, fte)
        specs.append(
            CardSpec(
                number=f"{kind}{committee}{serial:02d}",
                kind=kind,
                title=title_text(rng),
                committee=committee,
                price_year=first_year if rng.random() < 0.95 else first_year - 1,
                start_date=date(first_year, rng.choice((1, 1, 1, 4, 7, 8)), 1)
                if rng.random() < 0.8
                else None,
                service_frame=rng.choice(["ja", "ja", "nej", "delvis", ""]),
                background=background_text(rng, first_year),
                consequences=consequences_text(rng),
                years=years,
            )
        )
    return specs


def create_cards(world: World, specs: list[CardSpec], *, release: bool = True) -> None:
    """Each card through create_proposal (and change_status to released), as finance does.
    May be called again with more specs: the cards are added to those already there."""
    before = Proposal.objects.filter(cycle=world.cycle).count()
    with transaction.atomic():
        for spec in specs:
            card = create_proposal(
                world.cycle,
                by=world.finance,
                fields={
                    "number": spec.number,
                    "kind": spec.kind,
                    "title": spec.title,
                    "committee": world.committees[spec.committee],
                    "department": world.departments[spec.committee],
                    "price_year": spec.price_year,
                    "start_date": spec.start_date,
                    "service_frame": spec.service_frame,
                    "service_frame_note": "",
                    "pending_note": "",
                    "background": spec.background,
                    "consequences": spec.consequences,
                },
                years=spec.years,
            )
            if release:
                change_status(
                    card, by=world.finance, target=Status.RELEASED, based_on_version=card.version
                )
    assert Proposal.objects.filter(cycle=world.cycle).count() == before + len(specs)


def _mio(kroner: int | None, rng: random.Random) -> float | str | None:
    """A cell as people type it: mostly a number in mio. kr., sometimes Danish text."""
    if kroner is None:
        return None
    if rng.random() < 0.1:
        return str(Decimal(kroner) / 1_000_000).replace(".", ",")
    return kroner / 1_000_000


def import_workbook(world: World, specs: list[CardSpec], *, seed: int = 7) -> bytes:
    """The "Forslag" sheet in the template format (header_for), one row per card."""
    rng = random.Random(seed)
    cycle = world.cycle
    header = header_for(cycle)
    kind_labels = {value: str(label) for value, label in Kind.choices}
    frame_labels = {value: str(label) for value, label in ServiceFrame.choices if value}
    # Write-only: rows stream out, so building the file adds little to the case's peak RSS.
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet(SHEET)
    ws.append(header)
    for spec in specs:
        if spec.start_date is None:
            start = None
        elif rng.random() < 0.5:
            start = spec.start_date
        else:
            start = spec.start_date.strftime("%d.%m.%Y")
        row = [
            spec.number,
            spec.title,
            kind_labels[spec.kind] if rng.random() < 0.8 else spec.kind,
            world.committees[spec.committee].name,
            world.departments[spec.committee].name,
            spec.price_year,
            start,
            frame_labels.get(spec.service_frame, ""),
        ]
        for year in cycle.year_range:
            values = spec.years[year]
            row += [_mio(values.expenses, rng), _mio(values.revenues, rng), float(values.fte)]
        row += [spec.background, spec.consequences]
        assert len(row) == len(header)
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
