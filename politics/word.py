"""The answers to budget questions as a Word document: the PDF's content (print/answers.html),
with a heading per question, for finance to edit before the city council."""

from __future__ import annotations

from django.utils import formats
from django.utils.translation import gettext as _

from budget_portal import word
from budget_portal.models import BudgetCycle
from politics.models import Question


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
