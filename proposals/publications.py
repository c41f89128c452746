"""The catalog and single-card PDFs: which cards, grouped how, and the state they depend on."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from budget_portal import card_annexes
from budget_portal.figures import YearSum
from budget_portal.models import BudgetCycle, Committee, PriceFactor
from budget_portal.pdf import render_pdf
from budget_portal.price_level import COMMON, PriceTable
from budget_portal.publications import Progress, Renderer, register
from proposals.models import CycleTotals, Kind, Proposal, ProposalQuerySet, Status

PUBLIC, INTERNAL = "offentlig", "intern"


@dataclass
class CommitteeGroup:
    committee: Committee
    cards: list[Proposal]
    totals: dict[int, YearSum]


def catalog_params(
    *,
    edition: str = PUBLIC,
    kind: str = "",
    committee: str = "",
    status: str = "",
    prices: str = "",
) -> dict:
    """Normalised parameters: unknown values are dropped so they cannot split the cache.
    PRICES: COMMON for totals at the cycle's price level (a key only then, so the catalogs
    already made keep their fingerprints)."""
    params = {
        "edition": INTERNAL if edition == INTERNAL else PUBLIC,
        "kind": kind if kind in Kind.values else "",
        "committee": str(committee) if str(committee).isdigit() else "",
        "status": status if status in Status.values else "",
    }
    if prices == COMMON:
        params["prices"] = COMMON
    return params


def catalog_cards(cycle: BudgetCycle, params: dict) -> ProposalQuerySet:
    cards = Proposal.objects.filter(cycle=cycle)
    if params["edition"] != INTERNAL:
        cards = cards.public()
    if params["kind"]:
        cards = cards.filter(kind=params["kind"])
    if params["committee"]:
        cards = cards.filter(committee_id=int(params["committee"]))
    if params["status"]:
        cards = cards.filter(status=params["status"])
    return cards


def _catalog_state(cycle: BudgetCycle, params: dict) -> object:
    cards = list(catalog_cards(cycle, params).order_by("pk").values_list("pk", "version"))
    committees = list(cycle.committees.order_by("pk").values_list("pk", "number", "name"))
    state = [
        cycle.name,
        cycle.municipality,
        cycle.display_unit,
        cycle.price_year,
        committees,
        cards,
    ]
    annexes = card_annexes.state([pk for pk, _version in cards])
    if annexes:  # only then, so catalogs without answers keep their fingerprints
        state.append(annexes)
    if params.get("prices") == COMMON:
        state.append(list(PriceFactor.objects.filter(cycle=cycle).values_list("year", "index")))
    return state


def catalog_title(cycle: BudgetCycle, params: dict) -> str:
    title = _("Forslagskatalog, %(name)s") % {"name": cycle.name}
    if params["kind"]:
        title += f" – {Kind(params['kind']).label}"
    if params["edition"] == INTERNAL:
        title += " " + _("(intern udgave)")
    return title


def _filters_text(cycle: BudgetCycle, params: dict) -> str:
    parts = []
    if params["committee"]:
        committee = cycle.committees.filter(pk=int(params["committee"])).first()
        if committee:
            parts.append(committee.name)
    if params["status"]:
        parts.append(str(Status(params["status"]).label))
    return ", ".join(parts)


def catalog_groups(
    cycle: BudgetCycle, listed: list[Proposal], table: PriceTable | None = None
) -> list[CommitteeGroup]:
    """LISTED cards by committee, in the committees' order, with each committee's sums (at
    the cycle's price level when TABLE converts)."""
    groups: dict[int, CommitteeGroup] = {}
    for card in listed:
        group = groups.setdefault(
            card.committee_id,
            CommitteeGroup(card.committee, [], {y: YearSum() for y in cycle.year_range}),
        )
        group.cards.append(card)
        for y in card.ordered_years():
            if y.year in group.totals:
                expenses, revenues = y.expenses, y.revenues
                if table is not None:
                    expenses = table.convert(expenses, card.price_year)
                    revenues = table.convert(revenues, card.price_year)
                group.totals[y.year].add(expenses, revenues, y.fte, 0 if y.complete else 1)
    return sorted(groups.values(), key=lambda g: g.committee.number)


def catalog_totals(cycle: BudgetCycle, params: dict) -> tuple[CycleTotals, PriceTable | None]:
    """The totals of all the catalog's cards (at one price level when PARAMS ask), and the
    table the committees' sums are converted with to match them (None: unconverted)."""
    table = PriceTable.for_cycle(cycle) if params.get("prices") == COMMON else None
    totals = catalog_cards(cycle, params).totals(cycle, table)
    return totals, table if totals.converted else None


def catalog_cover(cycle: BudgetCycle, params: dict) -> dict:
    """What the cover says besides the title: the filters, and when it was printed."""
    return {"filters_text": _filters_text(cycle, params), "generated_at": timezone.localtime()}


def catalog_context(cycle: BudgetCycle, params: dict) -> dict:
    """What the catalog shows, PDF and Word alike, front and card pages: the cards by
    committee with each committee's totals, and the totals of all (at one price level when
    PARAMS ask)."""
    listed = list(catalog_cards(cycle, params).for_listing())
    card_annexes.attach(listed)
    totals, table = catalog_totals(cycle, params)
    return {
        "cycle": cycle,
        "title": catalog_title(cycle, params),
        "groups": catalog_groups(cycle, listed, table),
        "totals": totals,
        **catalog_cover(cycle, params),
    }


def _render_catalog(cycle: BudgetCycle, params: dict, progress: Progress) -> bytes:
    context = catalog_context(cycle, params)
    progress(10)
    return render_pdf(
        "print/catalog.html",
        context,
        title=context["title"],
        progress=lambda pct: progress(10 + pct * 85 // 100),
    )


def _card_state(cycle: BudgetCycle, params: dict) -> object:
    card = Proposal.objects.get(cycle=cycle, number=params["number"])
    state = [card.pk, card.version, cycle.name, cycle.display_unit]
    annexes = card_annexes.state([card.pk])
    return [*state, annexes] if annexes else state


def _render_card(cycle: BudgetCycle, params: dict, progress: Progress) -> bytes:
    card = Proposal.objects.for_listing().get(cycle=cycle, number=params["number"])
    card_annexes.attach([card])
    title = f"{card.number} {card.title}"
    return render_pdf(
        "print/card.html", {"cycle": cycle, "card": card}, title=title, progress=progress
    )


def _catalog_allowed(user, cycle: BudgetCycle, params: dict) -> bool:
    return params["edition"] == PUBLIC or user.has_perm("proposals.view_internal_catalog")


def _card_allowed(user, cycle: BudgetCycle, params: dict) -> bool:
    card = Proposal.objects.filter(cycle=cycle, number=params["number"]).first()
    return card is not None and user.has_perm("proposals.view_proposal", card)


def _card_public(cycle: BudgetCycle, params: dict) -> bool:
    return Proposal.objects.public().filter(cycle=cycle, number=params["number"]).exists()


def register_renderers() -> None:
    from proposals.catalog_parts import CATALOG_PARTS

    register(
        Renderer(
            kind="catalog",
            state=_catalog_state,
            render=_render_catalog,
            title=catalog_title,
            filename=lambda cycle, params: f"katalog-{cycle.slug}.pdf",
            allowed=_catalog_allowed,
            public=lambda cycle, params: params["edition"] == PUBLIC,
            parts=CATALOG_PARTS,
        )
    )
    register(
        Renderer(
            kind="card",
            state=_card_state,
            render=_render_card,
            title=lambda cycle, params: _("Forslag %(n)s") % {"n": params["number"]},
            filename=lambda cycle, params: f"{cycle.slug}-{params['number']}.pdf",
            allowed=_card_allowed,
            public=_card_public,
        )
    )
