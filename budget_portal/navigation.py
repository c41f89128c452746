"""Where each role works: the header's links, the start page's task sections and the front
page's public notices, as registries the apps fill from their ready() (the spine imports no
app). Who sees what is a django-rules predicate on the user, as everywhere else."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import rules
from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from budget_portal.models import BudgetCycle, PriceFactor, Publication, Role
from budget_portal.roles import is_department_editor, is_finance, is_politician

SESSION_KEY = "nav_cycle"

is_staff_role = is_finance | is_department_editor | is_politician
# Citizens, and signed-in users who hold none of the portal's roles.
is_public_visitor = ~is_staff_role


def has_perm(perm: str) -> rules.Predicate:
    """A predicate on the user alone: PERM (no object), as the app's rules.py decides it.
    The registries below take predicates; this keeps who-may-do-what in one place."""
    return rules.predicate(lambda user: user.has_perm(perm), name=f"has_perm({perm})")


# --- the header -------------------------------------------------------------------------


@dataclass(frozen=True)
class NavItem:
    key: str
    label: str
    order: int
    shown_to: rules.Predicate
    # The item's address in a cycle; None: not there (the item is then left out).
    url: Callable[[BudgetCycle | None], str | None]


_NAV: dict[str, NavItem] = {}


def register(key: str, label, *, order: int, shown_to: rules.Predicate, url) -> None:
    """One header item, shown to users SHOWN_TO accepts, sorted by ORDER. URL is the name of
    a URL taking `cycle` (the chosen cycle's page), a path ("/admin/"), or a callable of the
    cycle (`plain("name")` for a page of no cycle); None from it leaves the item out."""
    _NAV[key] = NavItem(key, label, order, shown_to, _resolver(url))


def _resolver(url) -> Callable[[BudgetCycle | None], str | None]:
    if callable(url):
        return url
    if url.startswith("/"):
        return lambda cycle: url

    def in_cycle(cycle: BudgetCycle | None) -> str | None:
        return reverse(url, kwargs={"cycle_slug": cycle.slug}) if cycle else None

    return in_cycle


def plain(url_name: str) -> Callable[[BudgetCycle | None], str]:
    """An item whose page belongs to no cycle."""
    return lambda cycle: reverse(url_name)


@dataclass(frozen=True)
class NavLink:
    label: str
    url: str
    current: bool


def nav_links(user, cycle: BudgetCycle | None, path: str = "") -> list[NavLink]:
    """USER's header items in CYCLE, each once, in the registry's order. The item whose page
    holds PATH is current: the longest match, so the reading room (/politik/<cycle>/) is
    not current on its scenarios' pages."""
    shown = []
    for item in sorted(_NAV.values(), key=lambda i: (i.order, i.key)):
        if item.shown_to.test(user) and (url := item.url(cycle)):
            shown.append((str(item.label), url))
    within = [url for _label, url in shown if path == url or (url != "/" and path.startswith(url))]
    current = max(within, key=len, default=None)
    return [NavLink(label, url, url == current) for label, url in shown]


# --- the chosen cycle -------------------------------------------------------------------


def chosen_cycle(request: HttpRequest, cycles: list[BudgetCycle]) -> BudgetCycle | None:
    """The cycle picked in the switcher (kept in the session), else DEFAULT_CYCLE (an
    installation hosting several municipalities, like the demo), else the newest."""
    if not cycles:
        return None
    slug = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
    for wanted in (slug, settings.DEFAULT_CYCLE):
        if found := next((c for c in cycles if wanted and c.slug == wanted), None):
            return found
    return cycles[0]


# --- the start page ("Mine opgaver") ----------------------------------------------------


@dataclass(frozen=True)
class Task:
    """One line of a start page: a count (or None when the line is a fact, not a count) with
    its already pluralised label, where to act on it, and an optional detail."""

    label: str
    url: str
    count: int | None = None
    detail: str = ""


@dataclass(frozen=True)
class TaskRole:
    """A role's section on the start page (the roles themselves are budget_portal.models.Role)."""

    key: str
    heading: str
    order: int
    held_by: rules.Predicate


ROLES = (
    TaskRole(Role.FINANCE.value, Role.FINANCE.label, 10, is_finance),
    TaskRole(Role.DEPARTMENT.value, Role.DEPARTMENT.label, 20, is_department_editor),
    TaskRole(Role.POLITICIAN.value, Role.POLITICIAN.label, 30, is_politician),
)

TaskProvider = Callable[[object, BudgetCycle, date], list[Task]]
_TASKS: list[tuple[str, int, str, TaskProvider]] = []


def register_tasks(role: str, name: str, provider: TaskProvider, *, order: int = 50) -> None:
    """PROVIDER(user, cycle, today) gives the tasks of app section NAME on ROLE's start page."""
    if role not in {r.key for r in ROLES}:
        raise ValueError(role)
    _TASKS[:] = [t for t in _TASKS if (t[0], t[2]) != (role, name)]
    _TASKS.append((role, order, name, provider))


@dataclass
class TaskSection:
    role: TaskRole
    tasks: list[Task] = field(default_factory=list)


def task_sections(user, cycle: BudgetCycle, today: date) -> list[TaskSection]:
    sections = []
    for role in sorted(ROLES, key=lambda r: r.order):
        if not role.held_by.test(user):
            continue
        section = TaskSection(role)
        for _role, _order, _name, provider in sorted(
            (t for t in _TASKS if t[0] == role.key), key=lambda t: (t[1], t[2])
        ):
            section.tasks.extend(provider(user, cycle, today))
        sections.append(section)
    return sections


# --- the public front page --------------------------------------------------------------

# PROVIDER(cycles, today) -> {cycle pk: lines}: one query for all cycles, so the front page
# costs the same however many budget years it shows.
NoticeProvider = Callable[[list[BudgetCycle], date], dict[int, list[Task]]]
_FRONT: list[tuple[int, str, object, NoticeProvider]] = []


def register_front(name: str, heading, provider: NoticeProvider, *, order: int = 50) -> None:
    """PROVIDER gives the public lines of section HEADING on the front page, per cycle."""
    _FRONT[:] = [f for f in _FRONT if f[1] != name]
    _FRONT.append((order, name, heading, provider))


def front_sections(cycles: list[BudgetCycle], today: date) -> dict[int, list]:
    """Per cycle pk: [(heading, lines)] of the sections that have lines."""
    sections: dict[int, list] = {c.pk: [] for c in cycles}
    for _order, _name, heading, provider in sorted(_FRONT, key=lambda f: (f[0], f[1])):
        found = provider(cycles, today) if cycles else {}
        for cycle in cycles:
            if found.get(cycle.pk):
                sections[cycle.pk].append((str(heading), found[cycle.pk]))
    return sections


def front_lines(name: str, cycle: BudgetCycle, today: date) -> list[Task]:
    """The public lines the section registered as NAME gives CYCLE (e.g. "hearings"), for a
    page that shows one section without importing the app that fills it."""
    for _order, registered, _heading, provider in _FRONT:
        if registered == name:
            return provider([cycle], today).get(cycle.pk, [])
    return []


# --- wording shared by the apps ---------------------------------------------------------


def days_left(until: date, today: date) -> str:
    """Days until UNTIL as said in Danish: "i dag", "om 1 dag", "om 5 dage", "for 2 dage siden"."""
    days = (until - today).days
    if days == 0:
        return str(_("i dag"))
    if days < 0:
        return ngettext("for %(n)s dag siden", "for %(n)s dage siden", -days) % {"n": -days}
    return ngettext("om %(n)s dag", "om %(n)s dage", days) % {"n": days}


# --- the spine's own places -------------------------------------------------------------


def _failed_publications(user, cycle: BudgetCycle, today: date) -> list[Task]:
    n = Publication.objects.filter(cycle=cycle, state=Publication.State.FAILED).count()
    url = reverse("admin:budget_portal_publication_changelist")
    return [
        Task(
            ngettext("%(n)s publikation fejlede", "%(n)s publikationer fejlede", n) % {"n": n},
            f"{url}?state__exact=fejlet&cycle__id__exact={cycle.pk}",
            n,
        )
    ]


def _price_table(user, cycle: BudgetCycle, today: date) -> list[Task]:
    years = list(PriceFactor.objects.filter(cycle=cycle).values_list("year", flat=True))
    detail = ", ".join(map(str, years)) if years else str(_("endnu ingen år"))
    return [
        Task(
            str(_("Pris- og lønindeks (fælles prisniveau %(y)s)")) % {"y": cycle.price_year},
            reverse("price_table", kwargs={"cycle_slug": cycle.slug}),
            detail=detail,
        )
    ]


def register_spine() -> None:
    register("my_tasks", _("Mine opgaver"), order=10, shown_to=is_staff_role, url=plain("my_tasks"))
    register("calendar", _("Kalender"), order=27, shown_to=is_public_visitor, url="calendar")
    register(
        "admin",
        _("Administration"),
        order=90,
        shown_to=has_perm("budget_portal.use_administration"),
        url=plain("admin:index"),
    )
    register_tasks("okonomi", "publications", _failed_publications, order=90)
    register_tasks("okonomi", "price_table", _price_table, order=85)
