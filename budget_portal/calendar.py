"""The budget calendar: month timeline, the schedule table, the iCalendar feed and the PDF."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from budget_portal.models import BudgetCycle, Milestone, MilestoneKind, Phase
from budget_portal.pdf import render_pdf
from budget_portal.publications import Renderer, register

DEADLINE_KINDS = (MilestoneKind.DEADLINE, MilestoneKind.HEARING)


@dataclass
class Month:
    first_day: date
    milestones: list[Milestone]

    @property
    def label(self) -> str:
        return date_format(self.first_day, "F Y")


def _next_month(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def timeline(milestones: list[Milestone]) -> list[Month]:
    """Every month from the first activity to the last, with what happens in it."""
    if not milestones:
        return []
    first = min(m.starts_on for m in milestones).replace(day=1)
    last = max(m.last_day for m in milestones)
    months = []
    cursor = first
    while cursor <= last:
        end = _next_month(cursor)
        active = [m for m in milestones if m.starts_on < end and m.last_day >= cursor]
        months.append(Month(cursor, sorted(active, key=lambda m: (m.starts_on, m.position))))
        cursor = end
    return months


def schedule(cycle: BudgetCycle) -> list[tuple[Phase | None, list[Milestone]]]:
    """The rows of "Den samlede tidsplan", grouped by phase, in the calendar's order."""
    rows: dict[int | None, list[Milestone]] = {}
    for m in cycle.milestones.filter(in_schedule=True).order_by("starts_on", "position"):
        rows.setdefault(m.phase_id, []).append(m)
    phases = {p.pk: p for p in cycle.phases.all()}
    ordered = sorted(rows, key=lambda pk: (pk is None, phases[pk].number if pk else 0))
    return [(phases.get(pk), rows[pk]) for pk in ordered]


def ical(cycle: BudgetCycle, host: str) -> bytes:
    from icalendar import Calendar, Event  # here, not at process start (0.1 s)

    cal = Calendar()
    cal.add("prodid", "-//Budgetportal//da")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"{cycle.municipality}: {cycle.name}")
    cal.add("x-wr-timezone", "Europe/Copenhagen")
    stamp = timezone.now()
    for m in cycle.milestones.all():
        event = Event()
        event.add("uid", f"milestone-{m.pk}@{host}")
        event.add("dtstamp", stamp)
        event.add("summary", m.title)
        # The texts are Markdown; a calendar shows them as plain text.
        description = m.text.replace("\\.", ".")
        if m.bodies:
            description = f"{m.bodies}\n\n{description}"
        event.add("description", description)
        event.add("categories", [str(MilestoneKind(m.kind).label)])
        if m.at_time:
            start = timezone.make_aware(datetime.combine(m.last_day, m.at_time))
            event.add("dtstart", start)
            event.add("dtend", start)
        else:
            event.add("dtstart", m.starts_on)
            event.add("dtend", m.last_day + timedelta(days=1))  # all-day: end is exclusive
        cal.add_component(event)
    return cal.to_ical()


def _state(cycle: BudgetCycle, params: dict) -> object:
    return [
        list(cycle.phases.values_list("pk", "number", "name", "description")),
        list(
            cycle.milestones.values_list(
                "pk",
                "title",
                "text",
                "starts_on",
                "ends_on",
                "at_time",
                "date_label",
                "kind",
                "bodies",
                "in_schedule",
                "phase_id",
                "position",
            )
        ),
    ]


def _render(cycle: BudgetCycle, params: dict, progress) -> bytes:
    milestones = list(cycle.milestones.select_related("phase"))
    context = {
        "cycle": cycle,
        "phases": list(cycle.phases.all()),
        "months": timeline(milestones),
        "schedule": schedule(cycle),
    }
    return render_pdf("print/calendar.html", context, title=_title(cycle), progress=progress)


def _title(cycle: BudgetCycle) -> str:
    return _("Budgetprocessen %(name)s") % {"name": cycle.name.removeprefix("Budget ")}


register(
    Renderer(
        kind="calendar",
        state=_state,
        render=_render,
        title=lambda cycle, params: _title(cycle),
        filename=lambda cycle, params: f"budgetproces-{cycle.slug}.pdf",
        allowed=lambda user, cycle, params: True,
        public=lambda cycle, params: True,
    )
)


def where_now(
    cycles: list[BudgetCycle], today: date
) -> dict[int, tuple[Phase | None, Milestone | None]]:
    """Per cycle: the phase the budget process is in, and the next dated milestone not yet
    over (an ongoing one counts). The phase is that of the next phased milestone; when all are over,
    the last phase that had any. One query for all cycles."""
    milestones = Milestone.objects.filter(cycle__in=cycles).select_related("phase")
    by_cycle: dict[int, list[Milestone]] = {c.pk: [] for c in cycles}
    for m in milestones.order_by("starts_on", "position"):
        by_cycle[m.cycle_id].append(m)
    result = {}
    for pk, rows in by_cycle.items():
        ahead = [m for m in rows if m.last_day >= today]
        # The next phased milestone's phase; when all are over, the last one's.
        phased = [m for m in ahead if m.phase] or [m for m in reversed(rows) if m.phase]
        # The next dated one: a month-only entry ("Maj") has no day to count down to.
        dated = [m for m in ahead if not m.approximate]
        result[pk] = (phased[0].phase if phased else None, dated[0] if dated else None)
    return result
