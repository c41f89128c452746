"""Finance's page for a cycle's price and wage index: edit it, import it, download it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from budget_portal.excel import WorkbookError, read_sheet
from budget_portal.forms import XlsxUploadForm
from budget_portal.models import BudgetCycle
from budget_portal.price_forms import PriceTableForm
from budget_portal.price_level import SHEET, replace_price_table, rows_from_sheet, table_workbook


def _cycle_for_change(request: HttpRequest, slug: str) -> BudgetCycle:
    budget = get_object_or_404(BudgetCycle, slug=slug)
    if not request.user.has_perm("budget_portal.change_price_table", budget):
        raise PermissionDenied
    return budget


def _page(request, budget, form, upload, import_errors=()) -> HttpResponse:
    context = {
        "cycle": budget,
        "form": form,
        "upload": upload,
        "import_errors": import_errors,
        "sheet_name": SHEET,
        "revisions": budget.price_revisions.select_related("author")[:20],
    }
    return render(request, "prices/price_table.html", context)


def _card_years(budget: BudgetCycle) -> set[int]:
    return set(budget.proposals.values_list("price_year", flat=True))


@require_http_methods(["GET", "POST"])
@login_required
def price_table(request: HttpRequest, cycle_slug: str) -> HttpResponse:
    budget = _cycle_for_change(request, cycle_slug)
    form = PriceTableForm(request.POST or None, cycle=budget, card_years=_card_years(budget))
    if form.is_valid():
        replace_price_table(
            budget, form.cleaned_data["table"], by=request.user, action=_("Rettet på siden")
        )
        messages.success(request, _("Pris- og lønindekset er gemt."))
        return redirect("price_table", cycle_slug=budget.slug)
    return _page(request, budget, form, XlsxUploadForm())


@require_POST
@login_required
def price_table_import(request: HttpRequest, cycle_slug: str) -> HttpResponse:
    """The whole table from an .xlsx: every row checked first, then all saved, or nothing."""
    budget = _cycle_for_change(request, cycle_slug)
    upload = XlsxUploadForm(request.POST, request.FILES)
    errors: list[str] = []
    if upload.is_valid():
        file = upload.cleaned_data["file"]
        try:
            rows, errors = rows_from_sheet(read_sheet(file.read(), SHEET))
        except WorkbookError as exc:
            upload.add_error("file", str(exc))
        else:
            if not errors:
                action = _("Importeret fra %(f)s") % {"f": file.name[:150]}
                replace_price_table(budget, rows, by=request.user, action=action)
                messages.success(
                    request, _("Pris- og lønindekset er importeret: %(n)s år.") % {"n": len(rows)}
                )
                return redirect("price_table", cycle_slug=budget.slug)
    form = PriceTableForm(cycle=budget, card_years=_card_years(budget))
    return _page(request, budget, form, upload, errors)


@require_safe
@login_required
def price_table_xlsx(request: HttpRequest, cycle_slug: str) -> HttpResponse:
    budget = _cycle_for_change(request, cycle_slug)
    response = HttpResponse(
        table_workbook(budget),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="prisindeks-{budget.slug}.xlsx"'
    response["Cache-Control"] = "private, no-store"
    return response
