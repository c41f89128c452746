"""Hearings in the header, the responses finance must moderate, open hearings on the front."""

from __future__ import annotations

from datetime import date

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from budget_portal.models import BudgetCycle
from budget_portal.navigation import (
    Task,
    days_left,
    has_perm,
    plain,
    register,
    register_front,
    register_tasks,
)
from hearings.models import Hearing, Response


def moderation_tasks(user, cycle: BudgetCycle, today: date) -> list[Task]:
    waiting = Response.objects.awaiting_moderation().filter(hearing__cycle=cycle)
    tasks = []
    for hearing in Hearing.objects.filter(responses__in=waiting).distinct().order_by("closes_at"):
        n = waiting.filter(hearing=hearing).count()
        label = ngettext(
            "%(n)s høringssvar venter på moderation", "%(n)s høringssvar venter på moderation", n
        )
        url = reverse("hearings:moderation", kwargs={"slug": hearing.slug})
        tasks.append(Task(label % {"n": n}, url, n, detail=hearing.title))
    if not tasks:
        label = ngettext(
            "%(n)s høringssvar venter på moderation", "%(n)s høringssvar venter på moderation", 0
        )
        tasks.append(Task(label % {"n": 0}, reverse("hearings:list"), 0))
    return tasks


def open_hearings(cycles: list[BudgetCycle], today: date) -> dict[int, list[Task]]:
    now = timezone.now()
    items: dict[int, list[Task]] = {}
    for hearing in Hearing.objects.filter(cycle__in=cycles).open_at(now).order_by("closes_at"):
        closes = timezone.localtime(hearing.closes_at)
        detail = _g("svarfrist %(when)s (%(left)s)") % {
            "when": date_format(closes, "j. F Y \\k\\l. H.i"),
            "left": days_left(closes.date(), today),
        }
        items.setdefault(hearing.cycle_id, []).append(
            Task(hearing.title, hearing.get_absolute_url(), detail=detail)
        )
    return items


def register_navigation() -> None:
    register(
        "hearings",
        _("Høringer"),
        order=30,
        shown_to=has_perm("hearings.use_hearing_list"),
        url=plain("hearings:list"),
    )
    register_tasks("okonomi", "hearings", moderation_tasks, order=20)
    register_front("hearings", _("Åbne høringer"), open_hearings, order=10)
