"""What a hearing produces: the responses in Excel, the published ones as a PDF with an
index, and a høringsnotat draft grouped by card."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from budget_portal.excel import SheetSpec, write_workbook
from budget_portal.models import BudgetCycle
from budget_portal.pdf import render_pdf
from budget_portal.publications import Renderer, register
from hearings.models import Hearing, Response
from proposals.models import Proposal

GENERAL = "generelt"


@dataclass
class NoteGroup:
    card: Proposal | None  # None: responses about the budget in general
    responses: list[Response]
    remark: str = ""

    @property
    def key(self) -> str:
        """The group in URLs: the card's number, or "generelt"."""
        return self.card.number if self.card else GENERAL


def note_groups(hearing: Hearing) -> list[NoteGroup]:
    """Each response under every card it concerns; the rest under "generelt"; each group
    with finance's bemærkning to it."""
    responses = list(hearing.responses.in_note().prefetch_related("cards").order_by("number"))
    groups: dict[int | None, NoteGroup] = {}
    for response in responses:
        cards = list(response.cards.all()) or [None]
        for card in cards:
            key = card.pk if card else None
            groups.setdefault(key, NoteGroup(card, [])).responses.append(response)
    for remark in hearing.note_remarks.all():
        if remark.card_id in groups:
            groups[remark.card_id].remark = remark.text
    return sorted(groups.values(), key=lambda g: (g.card is None, g.card.number if g.card else ""))


def note_group(hearing: Hearing, key: str) -> NoteGroup | None:
    return next((g for g in note_groups(hearing) if g.key == key), None)


def responses_workbook(hearing: Hearing) -> bytes:
    header = [
        _("Nr."),
        _("Modtaget"),
        _("Navn"),
        _("Organisation"),
        _("E-mail"),
        _("Samtykke"),
        _("Status"),
        _("Forslag"),
        _("Høringssvar"),
        _("Offentliggjort tekst"),
        _("Begrundelse for afvisning"),
        _("Bilag"),
        _("Resumé"),
        _("Administrationens bemærkning"),
    ]
    rows = (
        [
            r.number,
            timezone.localtime(r.created_at).replace(tzinfo=None),
            r.name,
            r.organisation,
            r.email,
            _("Ja") if r.consent else _("Nej"),
            r.get_state_display(),
            ", ".join(c.number for c in r.cards.all()),
            r.text,
            r.published_text,
            r.rejection_reason,
            _("Ja") if r.attachment else "",
            r.note_summary,
            r.remark,
        ]
        for r in hearing.responses.prefetch_related("cards").order_by("number")
    )
    return write_workbook(
        [
            SheetSpec(
                _("Høringssvar"),
                header,
                rows,
                widths={3: 24, 4: 24, 5: 28, 9: 80, 10: 60, 13: 60, 14: 60},
            )
        ]
    )


def _note_state(cycle: BudgetCycle, params: dict) -> object:
    hearing = _hearing(cycle, params)
    return [
        hearing.title,
        list(
            hearing.responses.in_note()
            .order_by("number")
            .values_list(
                "pk",
                "number",
                "summary",
                "remark",
                "text",
                "published_text",
                "consent",
                "organisation",
                "name",
                "cards__number",
            )
        ),
        list(hearing.note_remarks.order_by("pk").values_list("card__number", "text")),
    ]


def _render_note(cycle: BudgetCycle, params: dict, progress) -> bytes:
    hearing = _hearing(cycle, params)
    return render_pdf(
        "print/hearing_note.html",
        {"hearing": hearing, "cycle": cycle, "groups": note_groups(hearing)},
        title=note_title(hearing),
        progress=progress,
    )


def note_title(hearing: Hearing) -> str:
    return _("Høringsnotat: %(t)s") % {"t": hearing.title}


NOTE_PDF = "hearing_note"

register(
    Renderer(
        kind=NOTE_PDF,
        state=_note_state,
        render=_render_note,
        title=lambda cycle, params: note_title(_hearing(cycle, params)),
        filename=lambda cycle, params: f"hoeringsnotat-{params['hearing']}.pdf",
        allowed=lambda user, cycle, params: user.has_perm("hearings.view_note"),
        public=lambda cycle, params: False,
    )
)


def _hearing(cycle: BudgetCycle, params: dict) -> Hearing:
    return Hearing.objects.get(cycle=cycle, slug=params["hearing"])


def _state(cycle: BudgetCycle, params: dict) -> object:
    hearing = _hearing(cycle, params)
    published = hearing.responses.published().order_by("number")
    return [
        hearing.title,
        hearing.publish_responses,
        list(
            published.values_list(
                "pk", "number", "published_text", "text", "organisation", "name", "moderated_at"
            )
        ),
    ]


def _render(cycle: BudgetCycle, params: dict, progress) -> bytes:
    hearing = _hearing(cycle, params)
    responses = list(hearing.responses.published().prefetch_related("cards").order_by("number"))
    title = _("Høringssvar: %(t)s") % {"t": hearing.title}
    return render_pdf(
        "print/hearing_responses.html",
        {"hearing": hearing, "cycle": cycle, "responses": responses},
        title=title,
        progress=progress,
    )


def _allowed(user, cycle: BudgetCycle, params: dict) -> bool:
    return Hearing.objects.filter(cycle=cycle, slug=params["hearing"]).exists()


RESPONSES_PDF = "hearing_responses"

register(
    Renderer(
        kind=RESPONSES_PDF,
        state=_state,
        render=_render,
        title=lambda cycle, params: _("Høringssvar: %(t)s") % {"t": _hearing(cycle, params).title},
        filename=lambda cycle, params: f"hoeringssvar-{params['hearing']}.pdf",
        allowed=_allowed,
        public=lambda cycle, params: True,
    )
)
