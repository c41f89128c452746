"""Negotiation scenarios (list, edit with live totals, copy, share, compare, Excel, PDF) and
the budget targets they are measured against."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from audit.log import record_export
from budget_portal.htmx import page_or_partial
from budget_portal.price_level import PriceToggle
from budget_portal.publications import publication_redirect, request_publication
from politics.forms import ScenarioForm, ScenarioNameForm, ShareForm, TargetForm
from politics.models import Scenario
from politics.outputs import (
    compared_effects,
    scenario_effect,
    scenario_params,
    scenario_workbook,
)
from politics.scenarios import (
    copy_scenario,
    create_scenario,
    save_scenario,
    save_targets,
    share_scenario,
)
from politics.views.access import cycle_for, xlsx_download
from proposals.models import Proposal


def _scenario_for(request: HttpRequest, cycle_slug: str, pk: int) -> Scenario:
    budget = cycle_for(request, cycle_slug, "politics.use_reading_room")
    scenario = Scenario.objects.visible_to(request.user).filter(cycle=budget, pk=pk).first()
    if scenario is None:
        raise Http404
    return scenario


@require_http_methods(["GET", "POST"])
@login_required
def scenario_list(request: HttpRequest, cycle_slug: str) -> HttpResponse:
    budget = cycle_for(request, cycle_slug, "politics.use_reading_room")
    form = ScenarioNameForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        name = form.cleaned_data["name"] or _("Nyt scenarie")
        return redirect(create_scenario(budget, by=request.user, name=name))
    scenarios = Scenario.objects.visible_to(request.user).filter(cycle=budget)
    context = {
        "cycle": budget,
        "form": form,
        "scenarios": scenarios.select_related("owner", "party"),
    }
    return render(request, "politics/scenario_list.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def scenario_detail(request: HttpRequest, cycle_slug: str, pk: int) -> HttpResponse:
    scenario = _scenario_for(request, cycle_slug, pk)
    can_change = request.user.has_perm("politics.change_scenario", scenario)
    if request.method == "POST" and not can_change:
        raise PermissionDenied
    cards = Proposal.objects.public().filter(cycle=scenario.cycle).for_listing()
    entries = {e.proposal_id: e for e in scenario.entries.all()}
    form = ScenarioForm(
        request.POST or None, cards=cards, entries=entries, initial={"name": scenario.name}
    )
    preview = request.method == "POST" and "_preview" in request.POST
    prices = PriceToggle.from_request(request)
    if request.method == "POST" and not preview and form.is_valid():
        save_scenario(
            scenario, by=request.user, name=form.cleaned_data["name"], selection=form.selection()
        )
        messages.success(request, _("Scenariet er gemt."))
        return redirect(prices.common_url if prices.on else scenario.get_absolute_url())
    selection = form.preview_selection() if request.method == "POST" else None
    context = {
        "cycle": scenario.cycle,
        "scenario": scenario,
        "form": form,
        "can_change": can_change,
        "prices": prices,
        "effect": scenario_effect(
            scenario, selection=selection, prices=prices.table(scenario.cycle)
        ),
    }
    template = page_or_partial(request, "politics/scenario_detail.html", "effect")
    return render(request, template, context)


@require_POST
@login_required
def scenario_copy(request: HttpRequest, cycle_slug: str, pk: int) -> HttpResponse:
    scenario = _scenario_for(request, cycle_slug, pk)
    copy = copy_scenario(scenario, by=request.user)
    messages.success(request, _("Kopien er oprettet."))
    return redirect(copy)


@require_POST
@login_required
def scenario_share(request: HttpRequest, cycle_slug: str, pk: int) -> HttpResponse:
    scenario = _scenario_for(request, cycle_slug, pk)
    form = ShareForm(request.POST)
    form.is_valid()  # a hidden flag: anything but "1"/"true" keeps or makes it private
    share_scenario(scenario, by=request.user, shared=form.cleaned_data.get("shared", False))
    return redirect(scenario)


@require_safe
@login_required
def scenario_compare(request: HttpRequest, cycle_slug: str) -> HttpResponse:
    budget = cycle_for(request, cycle_slug, "politics.use_reading_room")
    ids = [int(i) for i in request.GET.getlist("s") if i.isdigit()][:4]
    scenarios = list(Scenario.objects.visible_to(request.user).filter(cycle=budget, pk__in=ids))
    scenarios.sort(key=lambda s: ids.index(s.pk))
    if len(scenarios) < 2:
        messages.info(request, _("Vælg to til fire scenarier at sammenligne."))
        return redirect("politics:scenarios", cycle_slug=budget.slug)
    prices = PriceToggle.from_request(request)
    effects, level = compared_effects(scenarios, prices.table(budget))
    context = {
        "cycle": budget,
        "columns": list(zip(scenarios, effects, strict=True)),
        "years": budget.year_range,
        "prices": prices,
        "level": level,
    }
    return render(request, "politics/scenario_compare.html", context)


@require_safe
@login_required
def scenario_xlsx(request: HttpRequest, cycle_slug: str, pk: int) -> HttpResponse:
    scenario = _scenario_for(request, cycle_slug, pk)
    record_export(request, "scenarie (Excel)", scenario)
    prices = PriceToggle.from_request(request).table(scenario.cycle)
    return xlsx_download(scenario_workbook(scenario, prices), f"scenarie-{scenario.pk}.xlsx")


@require_safe
@login_required
def scenario_pdf(request: HttpRequest, cycle_slug: str, pk: int) -> HttpResponse:
    scenario = _scenario_for(request, cycle_slug, pk)
    params = scenario_params(scenario, PriceToggle.from_request(request).on)
    publication = request_publication("scenario", scenario.cycle, params)
    return publication_redirect(publication)


@require_http_methods(["GET", "POST"])
@login_required
def targets(request: HttpRequest, cycle_slug: str) -> HttpResponse:
    budget = cycle_for(request, cycle_slug, "politics.use_reading_room")
    if not request.user.has_perm("politics.set_targets"):
        raise PermissionDenied
    current = dict(budget.targets.values_list("year", "amount"))
    form = TargetForm(request.POST or None, cycle=budget, current=current)
    if request.method == "POST" and form.is_valid():
        save_targets(budget, by=request.user, amounts=form.amounts())
        messages.success(request, _("Målene er gemt."))
        return redirect("politics:reading_room", cycle_slug=budget.slug)
    return render(request, "politics/targets.html", {"cycle": budget, "form": form})
