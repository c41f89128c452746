"""The rows of the open datasets: only what an anonymous visitor can already read on the site.

Each builder answers in a fixed number of queries, however many rows there are, and gives
plain Python values keyed by the field names in opendata/schema.py; opendata/formats.py
turns them into CSV and JSON.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.db.models import Count, IntegerField, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from budget_portal.models import BudgetCycle, MilestoneKind
from budget_portal.price_level import PriceTable, whole_kroner
from hearings.models import Hearing, Response
from proposals.models import Kind, Proposal, ProposalYear, ServiceFrame


@dataclass(frozen=True)
class Source:
    """What the rows are made from: the cycle, and the site's address for the url fields."""

    cycle: BudgetCycle
    base_url: str  # "https://budget.kommune.dk", no trailing slash

    def url(self, path: str) -> str:
        return self.base_url + path


def public_cards() -> QuerySet[Proposal]:
    # The anonymous visitor's filter, from the one place that decides it: open data never
    # shows a card the site itself would hide (drafts, submitted, withdrawn).
    return Proposal.objects.visible_to(AnonymousUser())


def _cards(src: Source) -> QuerySet[Proposal]:
    # The long texts are on the card pages, not in the files.
    return public_cards().filter(cycle=src.cycle).for_listing().defer("background", "consequences")


def _labels(choices: type[models.TextChoices]) -> dict[str, str]:
    # Once per file: get_FOO_display() translates every choice again on every row.
    return {value: str(label) for value, label in choices.choices}


def _card_dimensions(cards: Iterable[Proposal]) -> Iterator[tuple[Proposal, dict]]:
    kinds, frames = _labels(Kind), _labels(ServiceFrame)
    for card in cards:
        yield (
            card,
            {
                "nummer": card.number,
                "titel": card.title,
                "type": kinds[card.kind],
                "status": card.status,
                "udvalg": card.committee.name,
                "afdeling": card.department.name,
                "serviceramme": frames[card.service_frame] if card.service_frame else None,
                "prisniveau": card.price_year,
            },
        )


def _year_values(year: ProposalYear) -> dict:
    return {
        "aar": year.year,
        "udgifter": year.expenses,
        "indtaegter": year.revenues,
        "netto": year.net,
        "aarsvaerk": year.fte,
    }


def proposal_rows(src: Source, *, nested: bool = False) -> list[dict]:
    """One row per card; NESTED adds each card's years under "aar" (the JSON file)."""
    rows = []
    for card, dimensions in _card_dimensions(_cards(src)):
        row = {
            **dimensions,
            "serviceramme_bemaerkning": card.service_frame_note,
            "ivaerksaettelse": card.start_date,
            "note_om_tal": card.pending_note,
            "sidst_aendret": card.updated_at,
            "url": src.url(card.get_absolute_url()),
        }
        if nested:
            row["aar"] = [_year_values(y) for y in card.ordered_years()]
        rows.append(row)
    return rows


def proposal_year_rows(src: Source) -> list[dict]:
    table = PriceTable.for_cycle(src.cycle)
    return [
        {**_year_values(year), **_at_common_price_level(year, card, table), **dimensions}
        for card, dimensions in _card_dimensions(_cards(src))
        for year in card.ordered_years()
    ]


def _at_common_price_level(year: ProposalYear, card: Proposal, table: PriceTable) -> dict:
    # Whole kroner, half up: the one rounding of a converted amount in a file.
    known = not table.missing([card.price_year])
    return {
        "netto_faelles_prisniveau": whole_kroner(table.convert(year.net, card.price_year))
        if known
        else None,
        "faelles_prisniveau": table.base_year,
    }


def phase_rows(src: Source) -> list[dict]:
    return [
        {"nummer": p.number, "navn": p.name, "beskrivelse": p.description}
        for p in src.cycle.phases.order_by("number")
    ]


def calendar_rows(src: Source) -> list[dict]:
    milestones = src.cycle.milestones.select_related("phase").order_by("starts_on", "position")
    kinds = _labels(MilestoneKind)
    return [
        {
            "fase_nummer": m.phase.number if m.phase else None,
            "type": kinds[m.kind],
            "titel": m.title,
            "tekst": m.text,
            "hvem": m.bodies,
            "fra": m.starts_on,
            "til": m.ends_on,
            "klokkeslaet": m.at_time,
            "kun_maaned": m.approximate,
            "dato_tekst": m.date_label,
            "i_tidsplan": m.in_schedule,
        }
        for m in milestones
    ]


def _public_cards_prefetch() -> Prefetch:
    return Prefetch("cards", queryset=public_cards(), to_attr="public_cards")


def _numbers(cards: list[Proposal]) -> str:
    return " ".join(c.number for c in cards)


def hearing_rows(src: Source) -> list[dict]:
    published = (
        Response.objects.published()
        .filter(hearing=OuterRef("pk"))
        .order_by()
        .values("hearing")
        .annotate(n=Count("pk"))
        .values("n")
    )
    hearings = (
        Hearing.objects.filter(cycle=src.cycle)
        .annotate(published=Coalesce(Subquery(published, output_field=IntegerField()), 0))
        .prefetch_related(_public_cards_prefetch())
        .order_by("opens_at", "slug")
    )
    return [
        {
            "kortnavn": h.slug,
            "titel": h.title,
            "tekst": h.text,
            "aabner": h.opens_at,
            "lukker": h.closes_at,
            "svar_offentliggoeres": h.publish_responses,
            "forslag": _numbers(h.public_cards),
            "antal_offentliggjorte_svar": h.published,
            "url": src.url(h.get_absolute_url()),
        }
        for h in hearings
    ]


def response_rows(src: Source) -> list[dict]:
    # published() is the hearing page's own filter: consent given, moderated, hearing public.
    responses = (
        Response.objects.published()
        .filter(hearing__cycle=src.cycle)
        .select_related("hearing")
        .defer("email", "client_hash", "attachment")
        .prefetch_related(_public_cards_prefetch())
        .order_by("hearing__opens_at", "hearing__slug", "number")
    )
    return [
        {
            "hoering": r.hearing.slug,
            "nummer": r.number,
            "afsender": r.public_sender,
            "modtaget": timezone.localdate(r.created_at),
            "forslag": _numbers(r.public_cards),
            "tekst": r.public_text,
            "url": src.url(f"{r.hearing.get_absolute_url()}#svar-{r.number}"),
        }
        for r in responses
    ]


BUILDERS: dict[str, Callable[[Source], list[dict]]] = {
    "forslag": proposal_rows,
    "forslag-aar": proposal_year_rows,
    "faser": phase_rows,
    "kalender": calendar_rows,
    "hoeringer": hearing_rows,
    "hoeringssvar": response_rows,
}


def rows_for(name: str, src: Source, *, json: bool = False) -> list[dict]:
    if json and name == "forslag":
        return proposal_rows(src, nested=True)
    return BUILDERS[name](src)
