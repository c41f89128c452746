"""The plan and the case as PDF (same templates as the pages) and the plan in Excel."""

from __future__ import annotations

from django.utils.translation import gettext as _

from budget_portal.excel import SheetSpec, write_workbook
from budget_portal.models import BudgetCycle
from budget_portal.pdf import render_pdf
from budget_portal.publications import Renderer, register
from implementation.models import Case, ImplementationPlan, PlanItem


def plan_items(plan: ImplementationPlan):
    return (
        PlanItem.objects.filter(group__plan=plan)
        .select_related("group")
        .prefetch_related("committees", "cards")
        .order_by("group__position", "position", "pk")
    )


def plan_workbook(plan: ImplementationPlan) -> bytes:
    header = [
        _("Gruppe"),
        _("Punkt"),
        _("Type"),
        _("Ansvarlige udvalg"),
        _("Tidspunkt"),
        _("Proces"),
        _("Forslag"),
        _("Afsluttet"),
    ]
    rows = (
        [
            item.group.name,
            item.title,
            item.get_kind_display(),
            ", ".join(c.name for c in item.committees.all()),
            item.timing,
            item.process,
            ", ".join(c.number for c in item.cards.all()),
            "X" if item.completed else "",
        ]
        for item in plan_items(plan)
    )
    return write_workbook(
        [SheetSpec(_("Udmøntningsplan"), header, rows, widths={1: 30, 2: 50, 4: 30, 6: 60})]
    )


def _plan(cycle: BudgetCycle) -> ImplementationPlan:
    return ImplementationPlan.objects.get(cycle=cycle)


def _plan_state(cycle: BudgetCycle, params: dict) -> object:
    plan = _plan(cycle)
    items = plan_items(plan).values_list(
        "pk", "title", "kind", "timing", "process", "completed", "group__name", "position"
    )
    return [plan.title, plan.released, list(items)]


def _render_plan(cycle: BudgetCycle, params: dict, progress) -> bytes:
    plan = _plan(cycle)
    groups = list(plan.groups.with_progress().prefetch_related("items__committees", "items__cards"))
    return render_pdf(
        "print/plan.html",
        {"plan": plan, "cycle": cycle, "groups": groups},
        title=plan.title,
        progress=progress,
    )


def _case(params: dict) -> Case:
    return Case.objects.get(number=params["number"])


def _case_state(cycle: BudgetCycle, params: dict) -> object:
    case = _case(params)
    treatments = [
        [t.body, t.meeting_date, t.recommendation, t.decision, [str(a) for a in t.absences.all()]]
        for t in case.treatments.prefetch_related("absences")
    ]
    fields = [
        case.title,
        case.is_open,
        case.routing,
        case.presentation,
        case.related_policies,
        case.economic_consequences,
        case.legal_basis,
        case.recommendation,
    ]
    return [fields, treatments]


def _render_case(cycle: BudgetCycle, params: dict, progress) -> bytes:
    case = _case(params)
    return render_pdf(
        "print/case.html",
        {"case": case, "cycle": cycle},
        title=f"{case.number} {case.title}",
        progress=progress,
    )


register(
    Renderer(
        kind="plan",
        state=_plan_state,
        render=_render_plan,
        title=lambda cycle, params: _plan(cycle).title,
        filename=lambda cycle, params: f"udmoentningsplan-{cycle.slug}.pdf",
        allowed=lambda user, cycle, params: user.has_perm("implementation.view_plan", _plan(cycle)),
        public=lambda cycle, params: _plan(cycle).released,
    )
)
register(
    Renderer(
        kind="case",
        state=_case_state,
        render=_render_case,
        title=lambda cycle, params: f"{params['number']} {_case(params).title}",
        filename=lambda cycle, params: f"sag-{params['number'].replace('/', '-')}.pdf",
        allowed=lambda user, cycle, params: user.has_perm(
            "implementation.view_case", _case(params)
        ),
        public=lambda cycle, params: _case(params).is_open,
    )
)
