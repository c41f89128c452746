"""Verbs on cover letters: every save is a revision; a grant can become a proposal card."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from audit import log as audit
from budget_portal.concurrency import StaleEdit
from budget_portal.figures import YearValues
from letters.models import (
    CoverLetter,
    ExpiringGrant,
    GrantShortfall,
    LetterRevision,
    LetterStatus,
)
from proposals.models import Kind
from proposals.services import create_proposal


def snapshot(letter: CoverLetter) -> dict:
    """The whole letter as JSON, like a card's revision: one row keeps all its parts."""
    return {
        "heading": letter.heading,
        "intro": letter.intro,
        "closing": letter.closing,
        "status": letter.status,
        "expiring_grants_heading": letter.expiring_grants_heading,
        "expiring_grants_intro": letter.expiring_grants_intro,
        "attachments": [
            [a.title, a.file.name if a.file else "", a.card_id] for a in letter.attachments.all()
        ],
        "themes": [
            [t.heading, t.text, sorted(c.pk for c in t.cards.all())] for t in letter.themes.all()
        ],
        "signatures": [[s.name, s.title] for s in letter.signatures.all()],
        "grants": [
            {
                "name": g.name,
                "decision_body": g.decision_body,
                "decision_date": g.decision_date.isoformat() if g.decision_date else None,
                "decision_amount": g.decision_amount,
                "period": [g.period_start, g.period_end],
                "text": g.text,
                "note": g.note,
                "missing": {str(s.year): s.amount for s in g.shortfalls.all()},
            }
            for g in letter.grants.all()
        ],
    }


def record_revision(letter: CoverLetter, *, by, action: str) -> LetterRevision | None:
    """Keep the letter as it now is; None when nothing changed since the last revision."""
    current = snapshot(letter)
    last = letter.revisions.first()
    if last and last.snapshot == current:
        return None
    letter.version = (last.number if last else 0) + 1
    CoverLetter.objects.filter(pk=letter.pk).update(version=letter.version)
    return LetterRevision.objects.create(
        letter=letter, number=letter.version, author=by, action=action, snapshot=current
    )


def _lock_for_edit(letter: CoverLetter, *, by, based_on_version: int) -> CoverLetter:
    """Lock the letter row for the save; refuse if someone saved since the form was opened."""
    locked = CoverLetter.objects.select_for_update().get(pk=letter.pk)
    if locked.version != based_on_version:
        raise StaleEdit(_("Brevet er ændret af en anden, siden du åbnede det. Intet er gemt."))
    if not by.has_perm("letters.change_letter", locked):
        raise PermissionDenied
    return locked


@transaction.atomic
def save_letter(letter: CoverLetter, *, by, based_on_version: int, parts) -> LetterRevision | None:
    """Save the letter and its parts (validated forms and formsets: their save() writes the
    rows) as one revision, all or nothing; None when nothing changed. Refused if someone
    saved since BASED_ON_VERSION."""
    _lock_for_edit(letter, by=by, based_on_version=based_on_version)
    for part in parts:
        part.save()
    return record_revision(letter, by=by, action=_("Redigeret"))


@transaction.atomic
def save_grant(grant: ExpiringGrant, *, by, missing: dict[int, int | None]) -> ExpiringGrant:
    """Save GRANT (new or changed, not yet saved) with exactly the shortfall years in
    MISSING (year -> amount, None: there is one but its amount is not known): a year left
    out loses its row. One revision of the letter records it."""
    letter = CoverLetter.objects.select_for_update().get(pk=grant.letter_id)
    if not by.has_perm("letters.change_letter", letter):
        raise PermissionDenied
    grant.save()
    grant.shortfalls.exclude(year__in=missing).delete()
    for year, amount in missing.items():
        GrantShortfall.objects.update_or_create(grant=grant, year=year, defaults={"amount": amount})
    record_revision(letter, by=by, action=_("Bevilling gemt: %(n)s") % {"n": grant.name})
    return grant


@transaction.atomic
def release_letter(letter: CoverLetter, *, by) -> CoverLetter:
    # Locked: of two finance users releasing at once, the second finds it released.
    locked = CoverLetter.objects.select_for_update().get(pk=letter.pk)
    if not by.has_perm("letters.release_letter", locked):
        raise PermissionDenied
    locked.status = letter.status = LetterStatus.RELEASED
    locked.save(update_fields=["status", "updated_at"])
    record_revision(locked, by=by, action=_("Frigivet"))
    audit.record(audit.Action.PUBLISHED, actor=by, target=locked)
    return locked


@transaction.atomic
def start_proposal_from_grant(grant: ExpiringGrant, *, by):
    """A draft card to continue the grant, its missing amounts as expenses per year."""
    letter = grant.letter
    cycle = letter.cycle
    committee = letter.department.committee or cycle.committees.order_by("number").first()
    if committee is None:
        raise PermissionDenied(_("Budgetåret har ingen udvalg at lægge forslaget under."))
    missing = {s.year: s.amount for s in grant.shortfalls.all()}
    taken = set(cycle.proposals.values_list("number", flat=True))
    serial = 1
    while f"U{committee.number}{serial:02d}" in taken:
        serial += 1
    card = create_proposal(
        cycle,
        by=by,
        fields={
            "number": f"U{committee.number}{serial:02d}",
            "kind": Kind.EXPANSION,
            "title": _("Videreførelse af %(name)s") % {"name": grant.name},
            "committee": committee,
            "department": letter.department,
            "price_year": cycle.price_year,
            "start_date": None,
            "service_frame": "",
            "service_frame_note": "",
            "pending_note": "",
            "background": grant.text,
            "consequences": "",
        },
        years={
            y: YearValues(missing.get(y), 0 if y in missing else None, None)
            for y in cycle.year_range
        },
    )
    grant.proposal = card
    grant.save(update_fields=["proposal"])
    return card
