"""The catalog in parts: about PUBLICATION_PART_CARDS cards a part, never two committees'
halves in one, rendered by any worker; then the front (cover, contents with the parts' page
numbers, summary) and the parts put together (budget_portal/pdf_parts.py).

The front of up to PUBLICATION_FRONT_CARDS cards is one part. A larger one is pieces, so no
job lays out a line for every card (its memory grew with the catalog): the contents in
pieces of about that many cards, the summary in pieces of one committee's rows (or part of
them), then the totals and charts. Each piece starts a page.

What shows the contents (the front, or a contents piece) is rendered twice: once as a part,
with stand-in numbers, to count its pages (the cards' page numbers start after the front),
and once more at the end with the real numbers. The summary and totals pieces, the larger
share of a front, are rendered once, beside the cards.
"""

from __future__ import annotations

from django.conf import settings

from budget_portal import card_annexes
from budget_portal.models import BudgetCycle
from budget_portal.pdf import RenderedPdf, render_document
from budget_portal.publications import Parts, Progress
from proposals.models import Proposal
from proposals.publications import (
    catalog_cards,
    catalog_context,
    catalog_cover,
    catalog_groups,
    catalog_title,
    catalog_totals,
)

FRONT = {"front": True}
CONTENTS, SUMMARY, TOTALS = "contents", "summary", "totals"
# Wide enough for any page number, so the counting render wraps no line the real one does not.
STAND_IN_PAGE = "00000"


def _even_chunks(items: list, size: int) -> list[list]:
    count = -(-len(items) // size)  # as few as SIZE allows, as even as they come
    return [items[len(items) * i // count : len(items) * (i + 1) // count] for i in range(count)]


def plan(cycle: BudgetCycle, params: dict) -> list[dict] | None:
    size = settings.PUBLICATION_PART_CARDS
    groups = catalog_context(cycle, params)["groups"]
    count = sum(len(group.cards) for group in groups)
    if count <= size:
        return None
    parts = [FRONT] if count <= settings.PUBLICATION_FRONT_CARDS else _front_pieces(groups)
    for group in groups:
        chunks = _even_chunks([card.pk for card in group.cards], size)
        parts += [{"cards": chunk, "continues": i > 0} for i, chunk in enumerate(chunks)]
    return parts


def _front_pieces(groups: list) -> list[dict]:
    size = settings.PUBLICATION_FRONT_CARDS
    listed = [(card.pk, group.committee.pk) for group in groups for card in group.cards]
    pieces = []
    start = 0
    for chunk in _even_chunks(listed, size):
        pieces.append(
            {
                "front": CONTENTS,
                "cards": [pk for pk, _committee in chunk],
                "first": start == 0,  # the cover, the heading, the summary's entry
                # Its first committee's entries began in the piece before (no heading here).
                "continues": start > 0 and listed[start - 1][1] == chunk[0][1],
            }
        )
        start += len(chunk)
    for n, group in enumerate(groups):
        chunks = _even_chunks([card.pk for card in group.cards], size)
        for i, chunk in enumerate(chunks):
            pieces.append(
                {
                    "front": SUMMARY,
                    "committee": group.committee.pk,
                    "cards": chunk,
                    "first": n == 0 and i == 0,
                    "continues": i > 0,
                    "open_end": i < len(chunks) - 1,  # the committee's total is further on
                }
            )
    pieces.append({"front": TOTALS})
    return pieces


def _numbered(part: dict) -> bool:
    """Whether PART shows the page numbers of other parts: rendered again at the end."""
    return part.get("front") in (True, CONTENTS)


def _cards(pks: list[int]) -> list[Proposal]:
    by_pk = Proposal.objects.for_listing().in_bulk(pks)
    cards = [by_pk[pk] for pk in pks if pk in by_pk]
    if len(cards) != len(pks):
        raise ValueError("a card of the part was deleted while the catalog was rendered")
    return cards


def _number_contents(groups: list, pages: dict[str, int]) -> None:
    for group in groups:
        group.toc_page = pages.get(f"udvalg-{group.committee.pk}", STAND_IN_PAGE)
        for card in group.cards:
            card.toc_page = pages.get(f"kort-{card.number}", STAND_IN_PAGE)


def _render_front(
    cycle: BudgetCycle, params: dict, part: dict, pages: dict[str, int]
) -> RenderedPdf:
    """The front, or the piece of it PART names; PAGES: each anchor's page (none yet while
    the pages are counted)."""
    piece = part.get("front")
    if piece is True:
        context = catalog_context(cycle, params)
        _number_contents(context["groups"], pages)
    elif piece == CONTENTS:
        groups = catalog_groups(cycle, _cards(part["cards"]))
        _number_contents(groups, pages)
        context = {
            "groups": groups,
            "summary_page": pages.get("oversigt", STAND_IN_PAGE),
            **(catalog_cover(cycle, params) if part["first"] else {}),
        }
    elif piece == SUMMARY:
        _totals, table = catalog_totals(cycle, params)
        # The committee's total is of all its cards, rows in other pieces included.
        committee = catalog_cards(cycle, params).filter(committee_id=part["committee"])
        (group,) = catalog_groups(cycle, list(committee.for_listing()), table)
        group.cards = _cards(part["cards"])
        context = {"groups": [group], "open_end": part["open_end"]}
    else:
        context = {"totals": catalog_totals(cycle, params)[0]}
    if piece is not True:
        context |= {
            "cycle": cycle,
            "piece": piece,
            "first": part.get("first", False),
            "continues": part.get("continues", False),
        }
    return render_document("print/catalog_front.html", context, title=catalog_title(cycle, params))


def render_part(cycle: BudgetCycle, params: dict, part: dict, progress: Progress) -> RenderedPdf:
    if part.get("front"):
        return _render_front(cycle, params, part, {})
    cards = _cards(part["cards"])
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

    counts = [part.pages for part in parts]
    numbered = [i for i, part in enumerate(parts) if _numbered(part.params)]
    for _attempt in range(3):
        pages: dict[str, int] = {}
        start = 0
        for part, count in zip(parts, counts, strict=True):
            if not _numbered(part.params):  # the contents' own ids are stand-ins
                for anchor, index in part.anchors.items():
                    pages[anchor] = start + index + 1
            start += count
        again = {i: _render_front(cycle, params, parts[i].params, pages) for i in numbered}
        if all(again[i].pages == counts[i] for i in numbered):
            break
        # A number wrapped a line: count again with the new starts.
        counts = [again[i].pages if i in again else count for i, count in enumerate(counts)]
    else:
        raise ValueError("the catalog's front does not settle on a page count")
    sheet = render_document(
        "print/footer_sheet.html", {"cycle": cycle}, title=catalog_title(cycle, params)
    )
    pdfs = []
    for i, part in enumerate(parts):
        if i in again:
            pdfs.append(PartPdf(again[i].data, again[i].pages))
            continue
        with part.file.open("rb") as f:
            # Only a card part continues the outline of the one before it.
            continues = not part.params.get("front") and part.params["continues"]
            pdfs.append(PartPdf(f.read(), part.pages, continues=continues))
    assemble(pdfs, out, footer=footer_metrics(sheet.data))


def weight(part: dict) -> int:
    """A card's pages take several times a front line's time: the card parts go first."""
    return 0 if part.get("front") else len(part["cards"])


CATALOG_PARTS = Parts(plan=plan, render=render_part, assemble=assemble, weight=weight)
