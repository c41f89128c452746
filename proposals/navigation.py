"""The cards' places in the header, on the start pages and on the front page."""

from __future__ import annotations

from datetime import date

from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from budget_portal.models import BudgetCycle
from budget_portal.navigation import (
    Task,
    has_perm,
    register,
    register_front,
    register_tasks,
)
from proposals.models import Proposal, Status, card_url


def _list(cycle: BudgetCycle, status: str) -> str:
    return reverse("proposals:list", kwargs={"cycle_slug": cycle.slug}) + f"?status={status}"


def finance_tasks(user, cycle: BudgetCycle, today: date) -> list[Task]:
    n = Proposal.objects.filter(cycle=cycle, status=Status.SUBMITTED).count()
    label = ngettext(
        "%(n)s indsendt forslag venter på en afgørelse",
        "%(n)s indsendte forslag venter på en afgørelse",
        n,
    )
    return [Task(label % {"n": n}, _list(cycle, Status.SUBMITTED), n)]


def department_tasks(user, cycle: BudgetCycle, today: date) -> list[Task]:
    n = Proposal.objects.filter(cycle=cycle, status=Status.DRAFT).of_departments_of(user).count()
    label = ngettext("%(n)s kladde i din afdeling", "%(n)s kladder i din afdeling", n)
    return [Task(label % {"n": n}, _list(cycle, Status.DRAFT), n)]


def released_cards(cycles: list[BudgetCycle], today: date) -> dict[int, list[Task]]:
    """The three most recently changed public cards of each cycle, in one query of the three
    columns shown: the whole rows (texts, every field) sorted for the window were most of
    the front page's time."""
    rank = Window(RowNumber(), partition_by=[F("cycle")], order_by=F("updated_at").desc())
    cards = (
        Proposal.objects.public()
        .filter(cycle__in=cycles)
        .annotate(rank=rank)
        .filter(rank__lte=3)
        .order_by("cycle_id", "rank")  # the id: no join for the cycles' own order
        .values_list("cycle_id", "number", "title")
    )
    slugs = {cycle.pk: cycle.slug for cycle in cycles}
    items: dict[int, list[Task]] = {}
    for cycle_id, number, title in cards:
        url = card_url(slugs[cycle_id], number)
        items.setdefault(cycle_id, []).append(Task(f"{number} {title}", url))
    return items


def register_navigation() -> None:
    register(
        "proposals",
        _("Forslag"),
        order=20,
        shown_to=has_perm("proposals.use_card_list"),
        url="proposals:list",
    )
    register_tasks("okonomi", "proposals", finance_tasks, order=10)
    register_tasks("afdeling", "proposals", department_tasks, order=10)
    register_front("cards", _("Senest frigivne forslag"), released_cards, order=80)
