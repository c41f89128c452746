"""The politicians' pages: reading room, scenarios, compare, targets."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from audit.log import record_export
from budget_portal.htmx import page_or_partial
from budget_portal.models import BudgetCycle
from budget_portal.price_level import PriceToggle
from budget_portal.publications import publication_redirect, request_publication
from politics.forms import (
    CommentForm,
    ScenarioForm,
    ScenarioNameForm,
    TargetForm,
    first_error,
)
from politics.models import BudgetTarget, Comment, Scenario, last_seen
from politics.outputs import scenario_effect, scenario_workbook
from politics.services import (
    add_comment,
    copy_scenario,
    create_scenario,
    edit_comment,
    save_selection,
)
from proposals.models import Proposal


def _cycle_for(request: HttpRequest, cycle: str) -> BudgetCycle:
    if not request.user.has_perm("politics.use_reading_room"):
        raise PermissionDenied
    return get_object_or_404(BudgetCycle, slug=cycle)


def _scenario_for(request: HttpRequest, cycle: str, pk: int) -> Scenario:
    budget = _cycle_for(request, cycle)
    scenario = Scenario.objects.visible_to(request.user).filter(cycle=budget, pk=pk).first()
    if scenario is None:
        raise Http404
    return scenario


@require_safe
@login_required
def reading_room(request: HttpRequest, cycle: str) -> HttpResponse:
    budget = _cycle_for(request, cycle)
    cards = Proposal.objects.public().filter(cycle=budget)
    seen = last_seen(request.user, cards.values("pk"))
    groups: dict[str, list] = {}
    for card in cards.for_listing():
        state = (
            "ny"
            if card.pk not in seen
            else "ændret"
            if seen[card.pk].version < card.version
            else ""
        )
        groups.setdefault(card.committee.name, []).append((card, state))
    states = [state for cards_ in groups.values() for _card, state in cards_]
    prices = PriceToggle.from_request(request)
    context = {
        "cycle": budget,
        "groups": groups,
        "new_count": states.count("ny"),
        "changed_count": states.count("ændret"),
        "news": [(card, state) for group in groups.values() for card, state in group if state],
        "totals": cards.totals(budget, prices.table(budget)),
        "prices": prices,
        "upcoming": budget.milestones.upcoming(timezone.localdate())[:5],
        "scenarios": Scenario.objects.visible_to(request.user).filter(cycle=budget)[:10],
    }
    return render(request, "politics/reading_room.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def scenario_list(request: HttpRequest, cycle: str) -> HttpResponse:
    budget = _cycle_for(request, cycle)
    if request.method == "POST":
        form = ScenarioNameForm(request.POST)
        if form.is_valid():
            name = form.cleaned_data["name"] or _("Nyt scenarie")
            return redirect(create_scenario(budget, by=request.user, name=name))
        messages.error(request, first_error(form))
    scenarios = Scenario.objects.visible_to(request.user).filter(cycle=budget)
    context = {"cycle": budget, "scenarios": scenarios.select_related("owner", "party")}
    return render(request, "politics/scenario_list.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def scenario_detail(request: HttpRequest, cycle: str, pk: int) -> HttpResponse:
    scenario = _scenario_for(request, cycle, pk)
    can_change = request.user.has_perm("politics.change_scenario", scenario)
    if request.method == "POST" and not can_change:
        raise PermissionDenied
    cards = Proposal.objects.public().filter(cycle=scenario.cycle).for_listing()
    entries = {e.proposal_id: e for e in scenario.entries.all()}
    form = ScenarioForm(
        request.POST or None, cards=cards, entries=entries, initial={"name": scenario.name}
    )
    preview = request.method == "POST" and "_preview" in request.POST
    if request.method == "POST" and not preview and form.is_valid():
        scenario.name = form.cleaned_data["name"]
        scenario.save(update_fields=["name", "updated_at"])
        save_selection(scenario, form.selection())
        messages.success(request, _("Scenariet er gemt."))
        return redirect(scenario)
    selection = form.preview_selection() if request.method == "POST" else None
    context = {
        "cycle": scenario.cycle,
        "scenario": scenario,
        "form": form,
        "can_change": can_change,
        "effect": scenario_effect(scenario, selection=selection),
    }
    template = page_or_partial(request, "politics/scenario_detail.html", "effect")
    return render(request, template, context)


@require_POST
@login_required
def scenario_copy(request: HttpRequest, cycle: str, pk: int) -> HttpResponse:
    scenario = _scenario_for(request, cycle, pk)
    copy = copy_scenario(scenario, by=request.user)
    messages.success(request, _("Kopien er oprettet."))
    return redirect(copy)


@require_POST
@login_required
def scenario_share(request: HttpRequest, cycle: str, pk: int) -> HttpResponse:
    scenario = _scenario_for(request, cycle, pk)
    if not request.user.has_perm("politics.change_scenario", scenario):
        raise PermissionDenied
    scenario.shared_with_party = request.POST.get("shared") == "1" and scenario.party_id is not None
    scenario.save(update_fields=["shared_with_party", "updated_at"])
    return redirect(scenario)


@require_safe
@login_required
def scenario_compare(request: HttpRequest, cycle: str) -> HttpResponse:
    budget = _cycle_for(request, cycle)
    ids = [int(i) for i in request.GET.getlist("s") if i.isdigit()][:4]
    scenarios = list(Scenario.objects.visible_to(request.user).filter(cycle=budget, pk__in=ids))
    scenarios.sort(key=lambda s: ids.index(s.pk))
    if len(scenarios) < 2:
        messages.info(request, _("Vælg to til fire scenarier at sammenligne."))
        return redirect("politics:scenarios", cycle=budget.slug)
    columns = [(s, scenario_effect(s)) for s in scenarios]
    return render(
        request,
        "politics/scenario_compare.html",
        {"cycle": budget, "columns": columns, "years": budget.year_range},
    )


@require_safe
@login_required
def scenario_xlsx(request: HttpRequest, cycle: str, pk: int) -> HttpResponse:
    scenario = _scenario_for(request, cycle, pk)
    record_export(request, "scenarie (Excel)", scenario)
    response = HttpResponse(
        scenario_workbook(scenario),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="scenarie-{scenario.pk}.xlsx"'
    return response


@require_safe
@login_required
def scenario_pdf(request: HttpRequest, cycle: str, pk: int) -> HttpResponse:
    scenario = _scenario_for(request, cycle, pk)
    publication = request_publication("scenario", scenario.cycle, {"scenario": scenario.pk})
    return publication_redirect(publication)


@require_http_methods(["GET", "POST"])
@login_required
def targets(request: HttpRequest, cycle: str) -> HttpResponse:
    budget = _cycle_for(request, cycle)
    if not request.user.has_perm("politics.set_targets"):
        raise PermissionDenied
    current = dict(budget.targets.values_list("year", "amount"))
    form = TargetForm(request.POST or None, cycle=budget, current=current, user=request.user)
    if request.method == "POST" and form.is_valid():
        for year in budget.year_range:
            amount = form.cleaned_data[f"target_{year}"]
            if amount is None:
                BudgetTarget.objects.filter(cycle=budget, year=year).delete()
            else:
                BudgetTarget.objects.update_or_create(
                    cycle=budget, year=year, defaults={"amount": amount}
                )
        messages.success(request, _("Målene er gemt."))
        return redirect("politics:reading_room", cycle=budget.slug)
    return render(request, "politics/targets.html", {"cycle": budget, "form": form})


def _comments_response(request: HttpRequest, card: Proposal) -> HttpResponse:
    if request.htmx:
        from politics.templatetags.politics_tags import comments_context

        return render(request, "politics/partials/_comments.html", comments_context(request, card))
    return redirect(card)


@require_POST
@login_required
def comment_add(request: HttpRequest, card_pk: int) -> HttpResponse:
    card = get_object_or_404(Proposal.objects.public(), pk=card_pk)
    form = CommentForm(request.POST)
    if not form.is_valid():
        messages.error(request, first_error(form))
    else:
        data = form.cleaned_data
        add_comment(card, by=request.user, text=data["text"], private=data["private"])
    return _comments_response(request, card)


@require_POST
@login_required
def comment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    comment = get_object_or_404(Comment.objects.visible_to(request.user), pk=pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        edit_comment(comment, by=request.user, text=form.cleaned_data["text"])
    else:
        messages.error(request, first_error(form))
    return _comments_response(request, comment.proposal)
