"""Amendments: the party's form before the deadline; finance's numbered list, PDF, Excel."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from audit.log import record_export
from budget_portal.models import BudgetCycle
from budget_portal.publications import publication_redirect, request_publication
from politics.amendments import (
    DeadlinePassed,
    amendment_window,
    set_amendment_deadline,
    submit_amendment,
)
from politics.forms import AmendmentDeadlineForm, AmendmentForm
from politics.models import Amendment
from politics.outputs import amendments_workbook
from politics.views.access import cycle_for, xlsx_download


def visible_amendments(user, cycle: BudgetCycle):
    return (
        Amendment.objects.visible_to(user)
        .filter(cycle=cycle)
        .select_related("party", "submitted_by")
    )


@require_http_methods(["GET", "POST"])
@login_required
def amendment_list(request: HttpRequest, cycle_slug: str) -> HttpResponse:
    budget = cycle_for(request, cycle_slug, "politics.use_reading_room")
    can_submit = request.user.has_perm("politics.submit_amendment")
    window = amendment_window(budget)
    # The form only while amendments can be filed; a late POST (page opened in time) still
    # gets its refusal at the form, with the typed text kept.
    show_form = can_submit and (window.open or request.method == "POST")
    form = AmendmentForm(request.POST or None, cycle=budget) if show_form else None
    if request.method == "POST":
        if not can_submit:
            raise PermissionDenied
        if form.is_valid():
            try:
                amendment = submit_amendment(
                    budget,
                    by=request.user,
                    title=form.cleaned_data["title"],
                    text=form.cleaned_data["text"],
                    years=form.years(),
                    cards=form.cleaned_data["cards"],
                )
            except DeadlinePassed as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request, _("Ændringsforslag %(n)s er afleveret.") % {"n": amendment.number}
                )
                return redirect("politics:amendments", cycle_slug=budget.slug)
    context = {
        "cycle": budget,
        "form": form,
        "window": window,
        "can_submit": can_submit,
        "can_set_deadline": request.user.has_perm("politics.set_amendment_deadline"),
        "can_export": request.user.has_perm("politics.see_all_amendments"),
        "amendments": visible_amendments(request.user, budget).prefetch_related("years", "cards"),
    }
    return render(request, "politics/amendments.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def amendment_deadline(request: HttpRequest, cycle_slug: str) -> HttpResponse:
    budget = cycle_for(request, cycle_slug, "politics.set_amendment_deadline")
    form = AmendmentDeadlineForm(request.POST or None, cycle=budget)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        set_amendment_deadline(
            budget, by=request.user, day=data["day"], at=data["at"], milestone=data["milestone"]
        )
        messages.success(request, amendment_window(budget).message)
        return redirect("politics:amendments", cycle_slug=budget.slug)
    context = {"cycle": budget, "form": form, "window": amendment_window(budget)}
    return render(request, "politics/amendment_deadline.html", context)


@require_safe
@login_required
def amendments_xlsx(request: HttpRequest, cycle_slug: str) -> HttpResponse:
    budget = cycle_for(request, cycle_slug, "politics.see_all_amendments")
    record_export(request, "ændringsforslag (Excel)", budget)
    amendments = visible_amendments(request.user, budget).prefetch_related("years", "cards")
    return xlsx_download(
        amendments_workbook(budget, amendments), f"aendringsforslag-{cycle_slug}.xlsx"
    )


@require_safe
@login_required
def amendments_pdf(request: HttpRequest, cycle_slug: str) -> HttpResponse:
    budget = cycle_for(request, cycle_slug, "politics.see_all_amendments")
    publication = request_publication("amendments", budget, {})
    return publication_redirect(publication)


@require_safe
@login_required
def amendments_docx(request: HttpRequest, cycle_slug: str) -> HttpResponse:
    """The amendments as Word, for the same readers as the PDF."""
    from budget_portal.word import docx_response
    from politics.word import amendments_docx as render

    budget = cycle_for(request, cycle_slug, "politics.see_all_amendments")
    record_export(request, "ændringsforslag (Word)", budget)
    return docx_response(render(budget), f"aendringsforslag-{cycle_slug}.docx", public=False)
