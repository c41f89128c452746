"""The answers to budget questions and the amendments as Word documents: the PDFs' content
(print/answers.html, print/amendments.html), with a heading per question or amendment and
tables for the amounts, for finance to edit before the city council."""

from __future__ import annotations

from django.utils import formats
from django.utils.translation import gettext as _

from budget_portal import money, word
from budget_portal.models import BudgetCycle
from politics.models import Amendment, Question


def answers_docx(cycle: BudgetCycle) -> bytes:
    questions = (
        Question.objects.released()
        .filter(cycle=cycle)
        .select_related("asked_by", "party", "department", "proposal")
        .order_by("number")
    )
    document = word.new_document(_("Svar på budgetspørgsmål, %(c)s") % {"c": cycle.name})
    document.add_paragraph(cycle.municipality)
    for q in questions:
        document.add_heading(_("Spørgsmål %(n)s") % {"n": q.number}, level=1)
        who = q.asked_by.get_full_name() or q.asked_by.get_username()
        asked = _("Stillet af %(who)s %(when)s") % {
            "who": who,
            "when": formats.date_format(q.asked_at, "j. F Y"),
        }
        if q.party:
            asked += f" ({q.party.letter})"
        if q.proposal:
            asked += " · " + _("Om") + f" {q.proposal.number} {q.proposal.title}"
        document.add_paragraph(asked)
        word.add_text(document, q.text)
        heading = _("Svar")
        if q.department:
            heading += f" ({q.department.name})"
        document.add_heading(heading, level=2)
        word.add_text(document, q.answer)
    return word.to_bytes(document)


def amendments_docx(cycle: BudgetCycle) -> bytes:
    """Every amendment of the cycle, as the amendments PDF lists them (its readers only)."""
    amendments = (
        Amendment.objects.filter(cycle=cycle)
        .select_related("party")
        .prefetch_related("years", "cards")
        .order_by("number")
    )
    title = _("Ændringsforslag til 2. behandling, %(c)s") % {"c": cycle.name}
    document = word.new_document(title)
    document.add_paragraph(cycle.municipality)
    unit = cycle.display_unit

    def shown(kroner):
        return "–" if kroner is None else money.in_unit(kroner, unit)

    for a in amendments:
        document.add_heading(
            _("Ændringsforslag %(n)s: %(t)s") % {"n": a.number, "t": a.title}, level=1
        )
        about = f"{a.party} · {formats.date_format(a.submitted_at, 'j. F Y')}"
        cards = ", ".join(c.number for c in a.cards.all())
        if cards:
            about += " · " + _("Forslag:") + f" {cards}"
        document.add_paragraph(about)
        word.add_text(document, a.text)
        years = list(a.years.all())
        rows = [
            [_("Udgifter"), *(shown(y.expenses) for y in years)],
            [_("Indtægter"), *(shown(y.revenues) for y in years)],
            [_("Netto"), *(shown(y.net) for y in years)],
        ]
        header = [cycle.priced_unit_caption, *(str(y.year) for y in years)]
        word.add_table(document, header, rows, bold_last=True)
    if not amendments:
        document.add_paragraph(_("Ingen ændringsforslag."))
    return word.to_bytes(document)
