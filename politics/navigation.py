"""The politicians' places (reading room, scenarios, questions, amendments, targets) in the
header, and their tasks on the start pages of finance, departments and politicians."""

from __future__ import annotations

from datetime import date

from django.db.models import Count
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from budget_portal.models import BudgetCycle, MilestoneKind
from budget_portal.navigation import Task, days_left, register, register_tasks
from politics.models import (
    Amendment,
    Question,
    QuestionState,
    Scenario,
    new_or_changed_for,
)
from politics.rules import offers_amendments, offers_questions, offers_reading_room, offers_targets
from proposals.models import Proposal


def _questions(cycle: BudgetCycle, query: str = "") -> str:
    return reverse("politics:questions", kwargs={"cycle_slug": cycle.slug}) + query


def finance_tasks(user, cycle: BudgetCycle, today: date) -> list[Task]:
    questions = Question.objects.filter(cycle=cycle)
    unassigned = questions.filter(state=QuestionState.ASKED).count()
    overdue = questions.overdue(today).count()
    answered = questions.filter(state=QuestionState.ANSWERED).count()
    amendments = Amendment.objects.filter(cycle=cycle).count()
    return [
        Task(
            ngettext(
                "%(n)s spørgsmål er ikke fordelt", "%(n)s spørgsmål er ikke fordelt", unassigned
            )
            % {"n": unassigned},
            _questions(cycle, f"?status={QuestionState.ASKED}"),
            unassigned,
        ),
        Task(
            ngettext(
                "%(n)s spørgsmål har overskredet fristen",
                "%(n)s spørgsmål har overskredet fristen",
                overdue,
            )
            % {"n": overdue},
            _questions(cycle, "?overskredet=1"),
            overdue,
        ),
        Task(
            ngettext("%(n)s svar venter på frigivelse", "%(n)s svar venter på frigivelse", answered)
            % {"n": answered},
            _questions(cycle, f"?status={QuestionState.ANSWERED}"),
            answered,
        ),
        Task(
            ngettext("%(n)s ændringsforslag modtaget", "%(n)s ændringsforslag modtaget", amendments)
            % {"n": amendments},
            reverse("politics:amendments", kwargs={"cycle_slug": cycle.slug}),
            amendments,
        ),
    ]


def department_tasks(user, cycle: BudgetCycle, today: date) -> list[Task]:
    waiting = (
        Question.objects.filter(cycle=cycle, state=QuestionState.ASSIGNED)
        .for_departments_of(user)
        .order_by("deadline", "number")
    )
    n = waiting.count()
    # Their deadlines, soonest first (the first few; the list has them all).
    detail = "; ".join(
        _g("spørgsmål %(number)s: frist %(when)s (%(left)s)")
        % {
            "number": q.number,
            "when": date_format(q.deadline, "j. F Y"),
            "left": days_left(q.deadline, today),
        }
        for q in waiting.exclude(deadline=None)[:3]
    )
    label = ngettext(
        "%(n)s spørgsmål til besvarelse i din afdeling",
        "%(n)s spørgsmål til besvarelse i din afdeling",
        n,
    )
    return [
        Task(label % {"n": n}, _questions(cycle, f"?status={QuestionState.ASSIGNED}"), n, detail)
    ]


def politician_tasks(user, cycle: BudgetCycle, today: date) -> list[Task]:
    tasks = []
    new = new_or_changed_for(user, Proposal.objects.public().filter(cycle=cycle)).count()
    room = reverse("politics:reading_room", kwargs={"cycle_slug": cycle.slug})
    tasks.append(
        Task(
            ngettext(
                "%(n)s nyt eller ændret forslag siden sidst",
                "%(n)s nye eller ændrede forslag siden sidst",
                new,
            )
            % {"n": new},
            room + "#nyt-siden-sidst",
            new,
        )
    )
    own = Question.objects.filter(cycle=cycle, asked_by=user)
    # As the asker may know them: a draft answer shows as "Fordelt" until it is released.
    by_state = dict(
        own.with_state_for(user).values_list("shown_state").annotate(n=Count("pk")).order_by()
    )
    n = sum(by_state.values())
    states = ", ".join(
        f"{by_state[value]} {str(label).lower()}"
        for value, label in QuestionState.choices
        if by_state.get(value)
    )
    tasks.append(
        Task(
            ngettext("%(n)s spørgsmål stillet af dig", "%(n)s spørgsmål stillet af dig", n)
            % {"n": n},
            _questions(cycle),
            n,
            states,
        )
    )
    if deadline := next_deadline(cycle, today):
        tasks.append(
            Task(
                _g("Næste frist: %(title)s") % {"title": deadline.title},
                reverse("calendar", kwargs={"cycle_slug": cycle.slug}),
                detail=f"{deadline.when_text} ({days_left(deadline.last_day, today)})",
            )
        )
    scenarios = Scenario.objects.visible_to(user).filter(cycle=cycle).count()
    tasks.append(
        Task(
            ngettext(
                "%(n)s scenarie (dine og partiets)", "%(n)s scenarier (dine og partiets)", scenarios
            )
            % {"n": scenarios},
            reverse("politics:scenarios", kwargs={"cycle_slug": cycle.slug}),
            scenarios,
        )
    )
    return tasks


def next_deadline(cycle: BudgetCycle, today: date):
    """The next thing a politician must meet: the amendments' deadline or a negotiation
    meeting, whichever comes first; without either, the calendar's next deadline."""
    upcoming = cycle.milestones.upcoming(today)
    candidates = list(upcoming.filter(kind=MilestoneKind.NEGOTIATION)[:1])
    if cycle.amendment_deadline_id:
        candidates += list(upcoming.filter(pk=cycle.amendment_deadline_id))
    if not candidates:
        candidates = list(upcoming.filter(kind=MilestoneKind.DEADLINE)[:1])
    return min(candidates, key=lambda m: (m.last_day, m.position), default=None)


def register_navigation() -> None:
    register(
        "reading_room",
        _("Læsesal"),
        order=15,
        shown_to=offers_reading_room,
        url="politics:reading_room",
    )
    register(
        "scenarios",
        _("Scenarier"),
        order=25,
        shown_to=offers_reading_room,
        url="politics:scenarios",
    )
    register(
        "questions",
        _("Spørgsmål"),
        order=40,
        shown_to=offers_questions,
        url="politics:questions",
    )
    register(
        "amendments",
        _("Ændringsforslag"),
        order=50,
        shown_to=offers_amendments,
        url="politics:amendments",
    )
    register("targets", _("Budgetmål"), order=80, shown_to=offers_targets, url="politics:targets")
    register_tasks("okonomi", "questions", finance_tasks, order=30)
    register_tasks("afdeling", "questions", department_tasks, order=30)
    register_tasks("politiker", "politics", politician_tasks, order=10)
