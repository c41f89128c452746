"""Amendments (ændringsforslag): a party submits them before the calendar's deadline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from budget_portal.figures import YearValues
from budget_portal.models import BudgetCycle, Milestone, MilestoneKind
from politics.models import Amendment, AmendmentYear, party_of


class DeadlinePassed(Exception):
    pass


def deadline_text(cycle: BudgetCycle) -> str:
    milestone = cycle.amendment_deadline
    if milestone is None:
        return ""
    moment = timezone.localtime(milestone.deadline_moment())
    if milestone.at_time:
        return date_format(moment, "j. F Y \\k\\l. H.i")
    return _("%(d)s (dagen ud)") % {"d": date_format(milestone.last_day, "j. F Y")}


@dataclass(frozen=True)
class Window:
    """Whether a party can file an amendment now, and the sentence that says so."""

    open: bool
    message: str


def amendment_window(cycle: BudgetCycle, now: datetime | None = None) -> Window:
    """The page tells this before anyone types; submit_amendment applies the same rule."""
    milestone = cycle.amendment_deadline
    if milestone is None:
        return Window(False, _("Fristen for ændringsforslag er ikke fastsat endnu."))
    if (now or timezone.now()) >= milestone.deadline_moment():
        return Window(
            False,
            _("Fristen udløb %(f)s. Der kan ikke indsendes flere ændringsforslag.")
            % {"f": deadline_text(cycle)},
        )
    return Window(
        True,
        _("Ændringsforslag kan indsendes til og med %(f)s.") % {"f": deadline_text(cycle)},
    )


@transaction.atomic
def set_amendment_deadline(
    cycle: BudgetCycle, *, by, day: date, at: time, milestone: Milestone | None = None
) -> Milestone:
    """Finance fixes the moment (Copenhagen time) on one of the cycle's own calendar
    deadlines, or on a new one; the calendar then shows the same date as the amendments page."""
    if not by.has_perm("politics.set_amendment_deadline"):
        raise PermissionDenied
    locked = BudgetCycle.objects.select_for_update().get(pk=cycle.pk)
    if milestone is not None and milestone.cycle_id != locked.pk:
        raise PermissionDenied
    milestone = milestone or locked.amendment_deadline
    if milestone is None:
        milestone = Milestone(
            cycle=locked,
            kind=MilestoneKind.DEADLINE,
            title=_("Frist for ændringsforslag"),
            bodies=_("Partierne"),
        )
    milestone.starts_on, milestone.ends_on, milestone.at_time = day, None, at
    milestone.approximate, milestone.date_label = False, ""
    milestone.save()
    locked.amendment_deadline = milestone
    locked.save(update_fields=["amendment_deadline"])
    cycle.amendment_deadline = milestone
    return milestone


@transaction.atomic
def submit_amendment(
    cycle: BudgetCycle,
    *,
    by,
    title: str,
    text: str,
    years: dict[int, YearValues],
    cards=(),
    now=None,
) -> Amendment:
    if not by.has_perm("politics.submit_amendment"):
        raise PermissionDenied(_("Kun politikere i et parti kan stille ændringsforslag."))
    # Lock the cycle row (numbering, and the deadline read under the lock); PostgreSQL
    # cannot lock the nullable side of a join, so the milestone is read separately.
    locked = BudgetCycle.objects.select_for_update().get(pk=cycle.pk)
    window = amendment_window(locked, now)
    if not window.open:
        raise DeadlinePassed(f"{window.message} " + _("Forslaget er ikke gemt."))
    last = Amendment.objects.filter(cycle=cycle).aggregate(n=Max("number"))["n"] or 0
    amendment = Amendment.objects.create(
        cycle=cycle, number=last + 1, party=party_of(by), submitted_by=by, title=title, text=text
    )
    AmendmentYear.objects.bulk_create(
        AmendmentYear(amendment=amendment, year=year, expenses=v.expenses, revenues=v.revenues)
        for year, v in years.items()
    )
    amendment.cards.set(cards)
    return amendment
