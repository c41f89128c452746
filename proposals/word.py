"""The catalog as a Word document: the PDF's content (proposals/publications.py
catalog_context), with headings finance can navigate and tables for every amount."""

from __future__ import annotations

from django.utils import formats
from django.utils.translation import gettext as _

from budget_portal import money, word
from budget_portal.models import BudgetCycle
from budget_portal.price_level import price_note
from proposals.models import SIGN_LEGEND, Proposal
from proposals.publications import catalog_context


def _amount(kroner, unit: str) -> str:
    return _("afventer") if kroner is None else money.in_unit(kroner, unit)


def catalog_docx(cycle: BudgetCycle, params: dict) -> bytes:
    context = catalog_context(cycle, params)
    unit = cycle.display_unit
    totals = context["totals"]
    years = [str(y) for y in cycle.year_range]
    document = word.new_document(context["title"])
    document.add_paragraph(f"{cycle.municipality} · {cycle.name}")
    if context["filters_text"]:
        document.add_paragraph(context["filters_text"])
    document.add_paragraph(
        _("Udskrevet %(d)s") % {"d": formats.date_format(context["generated_at"], "j. F Y")}
    )

    document.add_heading(_("Oversigt pr. udvalg"), level=1)
    document.add_paragraph(_("Netto i %(u)s.") % {"u": money.UNIT_LABEL[unit]})
    for group in context["groups"]:
        document.add_heading(group.committee.name, level=2)
        rows = [
            [f"{card.number} {card.title}", *(_amount(y.net, unit) for y in card.ordered_years())]
            for card in group.cards
        ]
        rows.append(
            [
                _("I alt, %(name)s") % {"name": group.committee.name},
                *(money.in_unit(s.net, unit) for s in group.totals.values()),
            ]
        )
        word.add_table(document, [_("Forslag"), *years], rows, bold_last=True)
    document.add_heading(_("I alt"), level=2)
    word.add_table(
        document,
        [_("Total"), *years],
        [
            [_("I alt, netto"), *(money.in_unit(s.net, unit) for s in totals.all.values())],
            [_("Udgifter"), *(money.in_unit(s.expenses, unit) for s in totals.all.values())],
            [_("Indtægter"), *(money.in_unit(s.revenues, unit) for s in totals.all.values())],
            [_("Årsværk"), *(money.format_fte(s.fte) for s in totals.all.values())],
        ],
    )
    if note := price_note(totals, cycle.price_year):
        document.add_paragraph(note)

    for group in context["groups"]:
        document.add_heading(group.committee.name, level=1)
        for card in group.cards:
            _card(document, card, cycle)
    return word.to_bytes(document)


def _card(document, card: Proposal, cycle: BudgetCycle) -> None:
    unit = cycle.display_unit
    document.add_heading(f"{card.number} {card.title}", level=2)
    document.add_paragraph(
        f"{card.get_kind_display()} · {card.committee.name} · {card.department.name}"
    )
    years = card.ordered_years()
    caption = f"{cycle.unit_caption} " + _("i %(y)s-priser") % {"y": card.price_year}
    word.add_table(
        document,
        [caption, *(str(y.year) for y in years)],
        [
            [_("Udgifter"), *(_amount(y.expenses, unit) for y in years)],
            [_("Indtægter"), *(_amount(y.revenues, unit) for y in years)],
            [_("Netto"), *(_amount(y.net, unit) for y in years)],
            [
                _("Antal fuldtidsstillinger"),
                *(_("afventer") if y.fte is None else money.format_fte(y.fte) for y in years),
            ],
        ],
    )
    document.add_paragraph(str(SIGN_LEGEND))
    start = formats.date_format(card.start_date, "j. F Y") if card.start_date else _("ikke fastsat")
    document.add_paragraph(_("Iværksættelsestidspunkt: %(d)s") % {"d": start})
    frame = card.get_service_frame_display() if card.service_frame else _("ikke oplyst")
    document.add_paragraph(_("Inden for servicerammen: %(f)s") % {"f": frame})
    if card.pending_note:
        document.add_paragraph(f"*{card.pending_note}")
    document.add_heading(str(card.description_heading), level=3)
    word.add_text(document, card.background)
    document.add_heading(_("Økonomiske konsekvenser"), level=3)
    word.add_text(document, card.consequences)
    for annex in card.annexes:
        annex.write_word(document, card)
