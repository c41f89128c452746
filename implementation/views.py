"""The implementation plan and case pages."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from budget_portal.htmx import page_or_partial
from budget_portal.models import BudgetCycle
from budget_portal.publications import publication_redirect, request_publication
from implementation.filters import PlanItemFilter
from implementation.models import Case, ImplementationPlan, PlanItem, progress_totals
from implementation.outputs import plan_items, plan_workbook
from implementation.services import set_completed


def _plan_for(request: HttpRequest, cycle_slug: str) -> ImplementationPlan:
    plan = get_object_or_404(
        ImplementationPlan.objects.select_related("cycle"), cycle__slug=cycle_slug
    )
    if not request.user.has_perm("implementation.view_plan", plan):
        raise Http404
    return plan


@require_safe
def plan_page(request: HttpRequest, cycle_slug: str) -> HttpResponse:
    try:
        plan = _plan_for(request, cycle_slug)
    except Http404:
        # The header links here before there is a plan (it does not ask on every page):
        # finance is told where to create it; to anyone else there is nothing here.
        # (Whoever may change a plan may read it: this is reached only without one.)
        if not request.user.has_perm("implementation.change_plan"):
            raise
        cycle = get_object_or_404(BudgetCycle, slug=cycle_slug)
        return render(request, "implementation/no_plan.html", {"cycle": cycle})
    filterset = PlanItemFilter(request.GET or None, queryset=plan_items(plan), plan=plan)
    items = filterset.qs if filterset.is_bound and filterset.is_valid() else plan_items(plan)
    by_group: dict[int, list[PlanItem]] = {}
    for item in items:
        by_group.setdefault(item.group_id, []).append(item)
    groups = list(plan.groups.with_progress())
    context = {
        "plan": plan,
        "cycle": plan.cycle,
        "filter": filterset,
        "groups": [(g, by_group.get(g.pk, [])) for g in groups],
        **progress_totals(groups),
        "can_change": request.user.has_perm("implementation.change_plan", plan),
        "cases": plan.cases.all(),
    }
    template = page_or_partial(request, "implementation/plan.html", "items")
    return render(request, template, context)


@require_POST
@login_required
def toggle_item(request: HttpRequest, cycle_slug: str, pk: int) -> HttpResponse:
    plan = _plan_for(request, cycle_slug)
    item = get_object_or_404(PlanItem, pk=pk, group__plan=plan)
    if not request.user.has_perm("implementation.change_plan", plan):
        raise PermissionDenied
    item = set_completed(item, by=request.user, completed=request.POST.get("completed") == "1")
    if request.htmx:
        # The row, and out of band the counters it changed: the group's and the plan's.
        item = plan_items(plan).get(pk=item.pk)
        groups = list(plan.groups.with_progress())
        group = next(g for g in groups if g.pk == item.group_id)
        context = {"item": item, "plan": plan, "group": group, **progress_totals(groups)}
        return render(request, "implementation/partials/_toggled.html", context)
    messages.success(request, _("“%(t)s” er opdateret.") % {"t": item.title})
    return redirect(plan)


@require_safe
def plan_pdf(request: HttpRequest, cycle_slug: str) -> HttpResponse:
    plan = _plan_for(request, cycle_slug)
    return publication_redirect(request_publication("plan", plan.cycle, {}))


@require_safe
def plan_xlsx(request: HttpRequest, cycle_slug: str) -> HttpResponse:
    plan = _plan_for(request, cycle_slug)
    response = HttpResponse(
        plan_workbook(plan),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="udmoentningsplan-{cycle_slug}.xlsx"'
    return response


def _case_for(request: HttpRequest, number: str) -> Case:
    case = get_object_or_404(Case.objects.select_related("cycle"), number=number.replace("-", "/"))
    if not request.user.has_perm("implementation.view_case", case):
        raise Http404
    return case


@require_safe
def case_page(request: HttpRequest, number: str) -> HttpResponse:
    case = _case_for(request, number)
    treatments = case.treatments.prefetch_related("absences")
    return render(
        request,
        "implementation/case.html",
        {"case": case, "cycle": case.cycle, "treatments": treatments},
    )


@require_safe
def case_pdf(request: HttpRequest, number: str) -> HttpResponse:
    case = _case_for(request, number)
    if case.cycle is None:
        raise Http404
    return publication_redirect(request_publication("case", case.cycle, {"number": case.number}))
