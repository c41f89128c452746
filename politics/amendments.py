"""Amendments (ændringsforslag): a party submits them before the calendar's deadline."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from budget_portal.models import BudgetCycle
from politics.models import Amendment, AmendmentYear, party_of
from proposals.services import YearValues


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


@transaction.atomic
def submit_amendment(cycle: BudgetCycle, *, by, title: str, text: str,
                     years: dict[int, YearValues], cards=(), now=None) -> Amendment:  # fmt: skip
    party = party_of(by)
    if party is None or not by.has_perm("politics.ask_question"):
        raise PermissionDenied(_("Kun politikere i et parti kan stille ændringsforslag."))
    # Lock the cycle row (numbering, and the deadline read under the lock); PostgreSQL
    # cannot lock the nullable side of a join, so the milestone is read separately.
    locked = BudgetCycle.objects.select_for_update().get(pk=cycle.pk)
    now = now or timezone.now()
    if locked.amendment_deadline is None:
        raise DeadlinePassed(_("Økonomi har ikke fastsat en frist for ændringsforslag endnu."))
    if now >= locked.amendment_deadline.deadline_moment():
        raise DeadlinePassed(
            _("Fristen for ændringsforslag var %(f)s. Forslaget er ikke gemt.")
            % {"f": deadline_text(locked)}
        )
    last = Amendment.objects.filter(cycle=cycle).aggregate(n=Max("number"))["n"] or 0
    amendment = Amendment.objects.create(cycle=cycle, number=last + 1, party=party,
                                         submitted_by=by, title=title, text=text)  # fmt: skip
    AmendmentYear.objects.bulk_create(
        AmendmentYear(amendment=amendment, year=year, expenses=v.expenses, revenues=v.revenues)
        for year, v in years.items()
    )
    amendment.cards.set(cards)
    return amendment
