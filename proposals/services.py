"""Verbs that write cards: create, revise, move in the workflow; each keeps a revision."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from audit import log as audit
from budget_portal.concurrency import StaleEdit
from budget_portal.figures import YearValues
from budget_portal.models import BudgetCycle
from proposals.models import Proposal, ProposalYear, Revision, Status
from proposals.revisions import changed_labels, snapshot
from proposals.rules import transitions_for


class DuplicateNumber(Exception):
    pass


def _record(proposal: Proposal, *, by, action: str, before: dict | None) -> Revision:
    revision = _revision(proposal, by, action, snapshot(proposal), before)
    revision.save()
    return revision


def _write_years(proposal: Proposal, years: dict[int, YearValues]) -> None:
    allowed = set(proposal.cycle.year_range)
    existing = {y.year: y for y in proposal.years.all()}
    for year, values in years.items():
        if year not in allowed:
            raise ValueError(f"{year} is outside the cycle")
        row = existing.get(year) or ProposalYear(proposal=proposal, year=year)
        row.expenses, row.revenues, row.fte = values.expenses, values.revenues, values.fte
        row.save()


def _differs(proposal: Proposal, fields: dict, years: dict[int, YearValues]) -> bool:
    if any(getattr(proposal, name) != value for name, value in fields.items()):
        return True
    current = {y.year: YearValues(y.expenses, y.revenues, y.fte) for y in proposal.years.all()}
    return any(current.get(year) != values for year, values in years.items())


def _stale_message(locked: Proposal) -> str:
    last = locked.revisions.select_related("author").first()
    if last is None:
        return _("Kortet er ændret af en anden, siden du åbnede det.")
    return _(
        "Kortet er ændret af %(who)s %(when)s, efter du åbnede det. Dine ændringer er ikke "
        "gemt: se den nye version, og indtast dem igen."
    ) % {
        "who": last.author.get_full_name() or last.author.get_username(),
        "when": date_format(localtime(last.created_at), "j. F Y \\k\\l. H.i"),
    }


@transaction.atomic
def create_proposal(
    cycle: BudgetCycle, *, by, fields: dict, years: dict[int, YearValues]
) -> Proposal:
    if not by.has_perm("proposals.add_proposal_for", fields["department"]):
        raise PermissionDenied(_("Du kan ikke oprette forslag for denne afdeling."))
    proposal = Proposal(cycle=cycle, status=Status.DRAFT, version=1, **fields)
    try:
        with transaction.atomic():
            proposal.save()
    except IntegrityError as exc:
        raise DuplicateNumber(
            _("Nr. %(n)s findes allerede i dette budgetår.") % {"n": proposal.number}
        ) from exc
    _write_years(
        proposal, {year: years.get(year, YearValues(None, None, None)) for year in cycle.year_range}
    )
    _record(proposal, by=by, action=_("Oprettet"), before=None)
    return proposal


@transaction.atomic
def revise_proposal(
    proposal: Proposal,
    *,
    by,
    fields: dict,
    years: dict[int, YearValues],
    based_on_version: int,
) -> Revision | None:
    """Save new content; None when nothing changed (no empty revisions)."""
    locked = Proposal.objects.select_for_update().select_related("cycle").get(pk=proposal.pk)
    if locked.version != based_on_version:
        raise StaleEdit(_stale_message(locked))
    if not by.has_perm("proposals.change_proposal", locked):
        raise PermissionDenied(_("Du kan ikke længere redigere dette kort."))
    if "department" in fields and not by.has_perm(
        "proposals.add_proposal_for", fields["department"]
    ):
        raise PermissionDenied(_("Du kan ikke flytte kortet til den afdeling."))
    if not _differs(locked, fields, years):
        return None
    before = snapshot(locked)
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.version += 1
    try:
        with transaction.atomic():
            locked.save()
    except IntegrityError as exc:
        raise DuplicateNumber(
            _("Nr. %(n)s findes allerede i dette budgetår.") % {"n": locked.number}
        ) from exc
    _write_years(locked, years)
    proposal.version = locked.version
    return _record(locked, by=by, action=_("Redigeret"), before=before)


@transaction.atomic
def change_status(
    proposal: Proposal, *, by, target: str, based_on_version: int, case_number: str = ""
) -> Revision:
    """Move the card in the workflow; a decision may cite the case (sag) that made it."""
    locked = Proposal.objects.select_for_update().select_related("cycle").get(pk=proposal.pk)
    if locked.version != based_on_version:
        raise StaleEdit(_stale_message(locked))
    allowed = {t.target: t for t in transitions_for(by, locked)}
    if target not in allowed:
        raise PermissionDenied(_("Den statusændring er ikke tilladt."))
    before = snapshot(locked)
    old_label = locked.get_status_display()
    locked.status = target
    locked.version += 1
    locked.save(update_fields=["status", "version", "updated_at"])
    proposal.status, proposal.version = locked.status, locked.version
    action = _("Status: %(old)s → %(new)s") % {"old": old_label, "new": locked.get_status_display()}
    if case_number.strip():
        action += " " + _("(sag %(n)s)") % {"n": case_number.strip()[:40]}
    audit.record(
        audit.Action.STATUS,
        actor=by,
        target=locked,
        details={"fra": before["status"], "til": target, "sag": case_number.strip()[:40]},
    )
    return _record(locked, by=by, action=action, before=before)


@dataclass(frozen=True)
class CardWrite:
    """One card of a bulk write: new (VERSION None) or a change based on VERSION."""

    key: object  # the caller's handle for this card (a workbook row), given back on failure
    number: str
    fields: dict
    years: dict[int, YearValues]
    version: int | None = None


class CardWriteFailed(Exception):
    """CARD could not be written; CAUSE is DuplicateNumber, StaleEdit or DoesNotExist."""

    def __init__(self, card: CardWrite, cause: Exception) -> None:
        super().__init__(str(cause))
        self.card, self.cause = card, cause


_BATCH = 500


@transaction.atomic
def write_cards(cycle: BudgetCycle, cards: Sequence[CardWrite], *, by) -> tuple[int, int]:
    """Create and revise many cards of CYCLE at once (the Excel import): the same rules as
    create_proposal and revise_proposal, card by card, checked before anything is written,
    then a handful of bulk statements. All or nothing. Returns (created, updated).

    The first card (in the given order) that breaks a rule raises PermissionDenied, or
    CardWriteFailed naming it: a number taken since, a card changed or deleted since."""
    allowed = set(cycle.year_range)
    new = [c for c in cards if c.version is None]
    changed = [c for c in cards if c.version is not None]
    taken = set(
        Proposal.objects.filter(cycle=cycle, number__in=[c.number for c in new]).values_list(
            "number", flat=True
        )
    )
    locked = {
        p.number: p
        for p in Proposal.objects.select_for_update(of=("self",))
        .filter(cycle=cycle, number__in=[c.number for c in changed])
        .select_related("committee", "department")
        .prefetch_related("years")
    }
    may_add: dict[int, bool] = {}

    def check_department(department, refusal: str) -> None:
        if department.pk not in may_add:
            may_add[department.pk] = by.has_perm("proposals.add_proposal_for", department)
        if not may_add[department.pk]:
            raise PermissionDenied(refusal)

    for card in cards:  # every rule, in the caller's order, before any write
        if set(card.years) - allowed:
            raise ValueError(f"{sorted(set(card.years) - allowed)} is outside the cycle")
        if card.version is None:
            check_department(
                card.fields["department"], _("Du kan ikke oprette forslag for denne afdeling.")
            )
            if card.number in taken:
                raise CardWriteFailed(card, _duplicate(card.number))
            continue
        current = locked.get(card.number)
        if current is None:
            raise CardWriteFailed(card, Proposal.DoesNotExist())
        current.cycle = cycle
        if current.version != card.version:
            raise CardWriteFailed(card, StaleEdit(_stale_message(current)))
        if not by.has_perm("proposals.change_proposal", current):
            raise PermissionDenied(_("Du kan ikke længere redigere dette kort."))
        if "department" in card.fields:
            check_department(
                card.fields["department"], _("Du kan ikke flytte kortet til den afdeling.")
            )

    now = timezone.now()
    revisions: list[Revision] = []
    new_years: list[ProposalYear] = []
    changed_years: list[ProposalYear] = []
    revised: list[Proposal] = []
    fields_written: set[str] = set()
    for card in changed:
        proposal = locked[card.number]
        if not _differs(proposal, card.fields, card.years):
            continue
        before = snapshot(proposal, proposal.years.all())
        for name, value in card.fields.items():
            setattr(proposal, name, value)
        fields_written |= set(card.fields)
        proposal.version += 1
        proposal.updated_at = now
        rows = {y.year: y for y in proposal.years.all()}
        for year, values in card.years.items():
            row = rows.get(year)
            if row is None:
                row = rows[year] = ProposalYear(proposal=proposal, year=year)
                new_years.append(row)
            else:
                changed_years.append(row)
            row.expenses, row.revenues, row.fte = values.expenses, values.revenues, values.fte
        after = snapshot(proposal, rows.values())
        revised.append(proposal)
        revisions.append(_revision(proposal, by, _("Redigeret"), after, before))
    if revised:
        Proposal.objects.bulk_update(
            revised, sorted(fields_written | {"version", "updated_at"}), batch_size=_BATCH
        )
        ProposalYear.objects.bulk_update(
            changed_years, ["expenses", "revenues", "fte"], batch_size=_BATCH
        )

    created = [Proposal(cycle=cycle, status=Status.DRAFT, version=1, **card.fields) for card in new]
    try:
        with transaction.atomic():
            Proposal.objects.bulk_create(created, batch_size=_BATCH)
    except IntegrityError as exc:  # a number was taken after the check above
        now_taken = set(
            Proposal.objects.filter(cycle=cycle, number__in=[c.number for c in new]).values_list(
                "number", flat=True
            )
        )
        first = next((c for c in new if c.number in now_taken), new[0])
        raise CardWriteFailed(first, _duplicate(first.number)) from exc
    for card, proposal in zip(new, created, strict=True):
        rows = [
            ProposalYear(proposal=proposal, year=year, **_values(card.years.get(year)))
            for year in cycle.year_range
        ]
        new_years += rows
        revisions.append(_revision(proposal, by, _("Oprettet"), snapshot(proposal, rows), None))
    ProposalYear.objects.bulk_create(new_years, batch_size=_BATCH)
    Revision.objects.bulk_create(revisions, batch_size=_BATCH)
    return len(created), len(revised)


def _duplicate(number: str) -> DuplicateNumber:
    return DuplicateNumber(_("Nr. %(n)s findes allerede i dette budgetår.") % {"n": number})


def _values(values: YearValues | None) -> dict:
    values = values or YearValues(None, None, None)
    return {"expenses": values.expenses, "revenues": values.revenues, "fte": values.fte}


def _revision(proposal: Proposal, by, action: str, after: dict, before: dict | None) -> Revision:
    return Revision(
        proposal=proposal,
        number=proposal.version,
        author=by,
        action=action,
        snapshot=after,
        changed=changed_labels(before, after),
    )
