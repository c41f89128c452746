"""Excel pages: template and export downloads, upload with a preview, then the import."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from audit.log import record_export
from budget_portal import money
from budget_portal.excel import WorkbookError
from budget_portal.models import BudgetCycle
from proposals.filters import ProposalFilter
from proposals.forms import WorkbookUploadForm
from proposals.models import ExcelImport, Proposal
from proposals.workbook import (
    AlreadyApplied,
    ImportRefused,
    apply_upload,
    export_workbook,
    plan_upload,
    store_upload,
    template_workbook,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _cycle_for_import(request: HttpRequest, cycle_slug: str) -> BudgetCycle:
    budget = get_object_or_404(BudgetCycle, slug=cycle_slug)
    if not request.user.has_perm("proposals.add_proposal", budget):
        raise PermissionDenied
    return budget


def _xlsx(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "POST"])
@login_required
def excel_page(request: HttpRequest, cycle_slug: str) -> HttpResponse:
    budget = _cycle_for_import(request, cycle_slug)
    form = WorkbookUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            record = store_upload(budget, form.cleaned_data["file"], by=request.user)
        except WorkbookError as exc:
            form.add_error("file", str(exc))
        else:
            return redirect("proposals:excel_preview", cycle_slug=budget.slug, pk=record.pk)
    return render(request, "proposals/excel.html", {"cycle": budget, "form": form})


@require_safe
@login_required
def excel_template(request: HttpRequest, cycle_slug: str) -> HttpResponse:
    budget = _cycle_for_import(request, cycle_slug)
    return _xlsx(template_workbook(budget), f"skabelon-{budget.slug}.xlsx")


@require_safe
def excel_export(request: HttpRequest, cycle_slug: str) -> HttpResponse:
    """The cards the user may see (with the list's filters) in the import format."""
    budget = get_object_or_404(BudgetCycle, slug=cycle_slug)
    visible = Proposal.objects.visible_to(request.user).filter(cycle=budget)
    filterset = ProposalFilter(
        request.GET or None, queryset=visible, cycle=budget, user=request.user
    )
    cards = filterset.qs if filterset.is_bound and filterset.is_valid() else visible
    record_export(request, "forslag (Excel)", budget)
    return _xlsx(export_workbook(budget, cards), f"forslag-{budget.slug}.xlsx")


def _own_import(request: HttpRequest, budget: BudgetCycle, pk: int) -> ExcelImport:
    return get_object_or_404(ExcelImport, pk=pk, cycle=budget, uploaded_by=request.user)


@require_safe
@login_required
def excel_preview(request: HttpRequest, cycle_slug: str, pk: int) -> HttpResponse:
    budget = _cycle_for_import(request, cycle_slug)
    record = _own_import(request, budget, pk)
    plan = plan_upload(record, user=request.user)
    return render(
        request,
        "proposals/excel_preview.html",
        {
            "cycle": budget,
            "record": record,
            "plan": plan,
            "unit_label": money.UNIT_LABEL[budget.display_unit],
        },
    )


@require_POST
@login_required
def excel_apply(request: HttpRequest, cycle_slug: str, pk: int) -> HttpResponse:
    budget = _cycle_for_import(request, cycle_slug)
    record = _own_import(request, budget, pk)
    if record.applied_at:  # a second click: no need to check the file again
        messages.info(request, str(AlreadyApplied()))
        return redirect("proposals:list", cycle_slug=budget.slug)
    plan = plan_upload(record, user=request.user)
    if not plan.ok:
        messages.error(request, _("Importen har fejl og er ikke gemt. Ret filen, og prøv igen."))
        return redirect("proposals:excel_preview", cycle_slug=budget.slug, pk=record.pk)
    try:
        created, updated = apply_upload(record, plan, by=request.user)
    except AlreadyApplied as exc:
        messages.info(request, str(exc))
        return redirect("proposals:list", cycle_slug=budget.slug)
    except ImportRefused as exc:
        messages.error(request, str(exc))
        return redirect("proposals:excel_preview", cycle_slug=budget.slug, pk=record.pk)
    messages.success(
        request,
        _("Importen er gemt: %(c)s forslag oprettet, %(u)s opdateret.")
        % {"c": created, "u": updated},
    )
    return redirect("proposals:list", cycle_slug=budget.slug)
