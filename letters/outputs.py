"""A cover letter as PDF in a letter layout, from the same partial as its page."""

from __future__ import annotations

from budget_portal.models import BudgetCycle
from budget_portal.pdf import render_pdf
from budget_portal.publications import Renderer, register
from letters.models import CoverLetter
from letters.services import snapshot


def _letter(cycle: BudgetCycle, params: dict) -> CoverLetter:
    return CoverLetter.objects.select_related("department").get(cycle=cycle, pk=params["letter"])


def _render(cycle: BudgetCycle, params: dict, progress) -> bytes:
    letter = _letter(cycle, params)
    return render_pdf(
        "print/letter.html",
        {"letter": letter, "cycle": cycle},
        title=letter.heading,
        progress=progress,
    )


register(
    Renderer(
        kind="letter",
        state=lambda cycle, params: snapshot(_letter(cycle, params)),
        render=_render,
        title=lambda cycle, params: _letter(cycle, params).heading,
        filename=lambda cycle, params: f"foelgebrev-{cycle.slug}-{params['letter']}.pdf",
        allowed=lambda user, cycle, params: user.has_perm(
            "letters.view_letter", _letter(cycle, params)
        ),
        public=lambda cycle, params: _letter(cycle, params).is_released,
    )
)
