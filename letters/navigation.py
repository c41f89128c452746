"""Cover letters and expiring grants in the header, and the letters a department must write."""

from __future__ import annotations

from datetime import date

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from budget_portal.models import BudgetCycle
from budget_portal.navigation import Task, has_perm, register, register_tasks
from letters.models import CoverLetter, LetterStatus


def department_tasks(user, cycle: BudgetCycle, today: date) -> list[Task]:
    mine = user.departments.filter(cycle=cycle)
    done = CoverLetter.objects.filter(
        cycle=cycle, department__in=mine, status=LetterStatus.RELEASED
    )
    n = mine.exclude(pk__in=done.values("department")).count()
    label = ngettext("%(n)s følgebrev at skrive", "%(n)s følgebreve at skrive", n)
    return [Task(label % {"n": n}, reverse("letters:list", kwargs={"cycle_slug": cycle.slug}), n)]


def register_navigation() -> None:
    register(
        "letters",
        _("Følgebreve"),
        order=55,
        shown_to=has_perm("letters.write_department_letter"),
        url="letters:list",
    )
    register(
        "grants",
        _("Udløbende bevillinger"),
        order=60,
        shown_to=has_perm("letters.view_grant_overview"),
        url="letters:grants",
    )
    register_tasks("afdeling", "letters", department_tasks, order=40)
