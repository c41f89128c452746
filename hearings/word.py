"""The høringsnotat as a Word document: the PDF's content (print/hearing_note.html), a
heading per card with the responses under it, for finance to edit before the city council."""

from __future__ import annotations

from django.utils.translation import gettext as _

from budget_portal import word
from hearings.models import Hearing
from hearings.outputs import note_groups, note_title


def note_docx(hearing: Hearing) -> bytes:
    document = word.new_document(note_title(hearing))
    document.add_paragraph(hearing.cycle.municipality)
    document.add_paragraph(
        _("Resumé af det indkomne samt administrationens vurdering og indstilling.")
    )
    groups = note_groups(hearing)
    for group in groups:
        heading = (
            f"{group.card.number} {group.card.title}" if group.card else _("Generelle bemærkninger")
        )
        document.add_heading(heading, level=1)
        if group.remark:
            document.add_heading(_("Administrationens bemærkning til svarene i gruppen"), level=3)
            word.add_text(document, group.remark)
        for response in group.responses:
            document.add_heading(
                _("Svar nr. %(n)s fra %(who)s")
                % {"n": response.number, "who": response.note_sender},
                level=2,
            )
            document.add_paragraph(_("Resumé"), style="Heading 4")
            word.add_text(document, response.note_summary)
            document.add_paragraph(_("Administrationens bemærkning"), style="Heading 4")
            word.add_text(document, response.remark or _("Ingen bemærkning."))
    if not groups:
        document.add_paragraph(_("Der er ingen svar i høringen endnu."))
    return word.to_bytes(document)
