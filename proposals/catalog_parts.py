"""The catalog in parts: about PUBLICATION_PART_CARDS cards a part, never two committees'
halves in one, rendered by any worker; then the front (cover, contents with the parts' page
numbers, summary) and the parts put together (budget_portal/pdf_parts.py).

The front is rendered twice: once as a part, with stand-in numbers, to count its pages (the
cards' page numbers start after it), and once more at the end with the real numbers.
"""

from __future__ import annotations

from django.conf import settings

from budget_portal import card_annexes
from budget_portal.models import BudgetCycle
from budget_portal.pdf import RenderedPdf, render_document
from budget_portal.publications import Parts, Progress
from proposals.models import Proposal
from proposals.publications import catalog_context, catalog_groups, catalog_title

FRONT = {"front": True}
# Wide enough for any page number, so the counting render wraps no line the real one does not.
STAND_IN_PAGE = "00000"


def plan(cycle: BudgetCycle, params: dict) -> list[dict] | None:
    size = settings.PUBLICATION_PART_CARDS
    groups = catalog_context(cycle, params)["groups"]
    if sum(len(group.cards) for group in groups) <= size:
        return None
    parts = [FRONT]
    for group in groups:
        pks = [card.pk for card in group.cards]
        count = -(-len(pks) // size)  # parts for this committee, as even as they come
        for i in range(count):
            chunk = pks[len(pks) * i // count : len(pks) * (i + 1) // count]
            parts.append({"cards": chunk, "continues": i > 0})
    return parts


def _front(cycle: BudgetCycle, params: dict, pages: dict[str, int | str]) -> RenderedPdf:
    context = catalog_context(cycle, params)
    for group in context["groups"]:
        group.toc_page = pages.get(f"udvalg-{group.committee.pk}", STAND_IN_PAGE)
        for card in group.cards:
            card.toc_page = pages.get(f"kort-{card.number}", STAND_IN_PAGE)
    return render_document("print/catalog_front.html", context, title=catalog_title(cycle, params))


def render_part(cycle: BudgetCycle, params: dict, part: dict, progress: Progress) -> RenderedPdf:
    if part.get("front"):
        return _front(cycle, params, {})
    by_pk = Proposal.objects.for_listing().in_bulk(part["cards"])
    cards = [by_pk[pk] for pk in part["cards"] if pk in by_pk]
    if len(cards) != len(part["cards"]):
        raise ValueError("a card of the part was deleted while the catalog was rendered")
    card_annexes.attach(cards)
    context = {
        "cycle": cycle,
        "groups": catalog_groups(cycle, cards),
        "continues": part["continues"],
    }
    return render_document(
        "print/catalog_part.html",
        context,
        title=catalog_title(cycle, params),
        progress=progress,
    )


def assemble(cycle: BudgetCycle, params: dict, parts: list, out) -> None:
    from budget_portal.pdf_parts import PartPdf, assemble, footer_metrics

    front_pages = parts[0].pages
    for _attempt in range(3):
        pages: dict[str, int] = {}
        start = front_pages
        for part in parts[1:]:
            for anchor, index in part.anchors.items():
                pages[anchor] = start + index + 1
            start += part.pages
        front = _front(cycle, params, pages)
        if front.pages == front_pages:
            break
        front_pages = front.pages  # a number wrapped a line: count again with the new start
    else:
        raise ValueError("the catalog's front does not settle on a page count")
    sheet = render_document(
        "print/footer_sheet.html", {"cycle": cycle}, title=catalog_title(cycle, params)
    )
    pdfs = [PartPdf(front.data, front.pages)]
    for part in parts[1:]:
        with part.file.open("rb") as f:
            pdfs.append(PartPdf(f.read(), part.pages, continues=part.params["continues"]))
    assemble(pdfs, out, footer=footer_metrics(sheet.data))


CATALOG_PARTS = Parts(plan=plan, render=render_part, assemble=assemble)
