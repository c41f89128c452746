"""Card pages: thin views over the queryset, the rules, the form and the services."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.decorators.vary import vary_on_headers

from budget_portal.concurrency import StaleEdit
from budget_portal.htmx import page_or_partial
from budget_portal.models import BudgetCycle
from budget_portal.page_cache import render_shared, shared_parts
from budget_portal.price_level import COMMON, PRICE_PARAM, PriceTable, PriceToggle
from budget_portal.publications import publication_redirect, request_publication
from proposals.charts import LIST_CHARTS
from proposals.filters import ProposalFilter
from proposals.forms import ProposalForm, StatusForm
from proposals.models import (
    Proposal,
    Visibility,
    cards_version,
    with_cards_version,
    years_in_order,
)
from proposals.publications import INTERNAL, PUBLIC, catalog_params
from proposals.revisions import at_one_price_level, compare
from proposals.rules import transitions_for
from proposals.services import (
    DuplicateNumber,
    change_status,
    create_proposal,
    revise_proposal,
)
from proposals.signals import card_viewed


def get_card(user, cycle_slug: str, number: str, perm: str = "proposals.view_proposal") -> Proposal:
    """The card if USER may read it (404 otherwise, so hidden cards stay unknown), then PERM."""
    card = get_object_or_404(
        Proposal.objects.visible_to(user).select_related("cycle", "committee", "department"),
        cycle__slug=cycle_slug,
        number=number.upper(),
    )
    if not user.has_perm(perm, card):
        raise PermissionDenied
    return card


def table_version(budget: BudgetCycle) -> str:
    """What a cached card table of BUDGET depends on beyond who reads it: its cards (read with
    the cycle, `with_cards_version`), the cycle's settings that shape the table (unit, years,
    price base) and the language."""
    shape = f"{budget.display_unit}.{budget.first_year}.{budget.years}.{budget.price_year}"
    return f"{budget.pk}:{shape}:{cards_version(budget)}:{get_language()}"


def card_table_key(request: HttpRequest, version: str, query: str) -> str:
    """The cache key of the card table (rows and totals) REQUEST's user sees with QUERY.

    The table is the same for everyone who may see the same cards (`Visibility`) with the
    same filters, until VERSION moves. Rendering 500 rows is most of the page's time, for
    citizens and staff alike."""
    seen = Visibility.of(request.user).key()
    # The one link in the table that is not for every reader of its cards.
    internal = int(request.user.has_perm("proposals.view_internal_catalog"))
    return f"{version}:{seen}:{internal}:{query}"


def listed_selection(request: HttpRequest, budget: BudgetCycle):
    """The cards the list shows REQUEST's user with its filters, the filters, and the prices:
    the list and its charts read the same."""
    visible = Proposal.objects.visible_to(request.user).filter(cycle=budget)
    filterset = ProposalFilter(
        request.GET or None, queryset=visible, cycle=budget, user=request.user
    )
    cards = filterset.qs if filterset.is_bound and filterset.is_valid() else visible
    return cards, filterset, PriceToggle.from_request(request)


TABLE = "proposals/proposal_list.html#table"
FILTERS = "proposals/proposal_list.html#filters"


@require_safe
@vary_on_headers("HX-Request")  # one URL, two renderings: a cache must keep them apart
def proposal_list(request: HttpRequest, cycle_slug: str) -> HttpResponse:
    # One query for the cycle and its cards' version: all a cached page needs before it is sent.
    budget = get_object_or_404(with_cards_version(BudgetCycle.objects), slug=cycle_slug)
    version = table_version(budget)

    def context() -> dict:
        cards, filterset, prices = listed_selection(request, budget)
        # The catalog PDF linked below shows its totals as the list does.
        query = "&".join(
            filter(None, [filterset.query_string(), prices.on and f"{PRICE_PARAM}={COMMON}"])
        )
        page = {
            "cycle": budget,
            "filter": filterset,
            # Lazy: a cached table needs neither the cards nor the totals.
            "cards": SimpleLazyObject(cards.listed),
            "totals": SimpleLazyObject(lambda: cards.totals(budget, prices.table(budget))),
            "prices": prices,
            "can_create": request.user.has_perm("proposals.add_proposal", budget),
            "filter_query": query,
        }
        key = card_table_key(request, version, f"{query}:{prices.cache_key(budget)}")
        parts = {"table": (f"card-table:{key}", lambda: render_to_string(TABLE, page, request))}
        filters = partial(render_to_string, FILTERS, page, request)
        if not filterset.is_bound or filterset.is_valid():
            # The selects show the filters the key holds; a form with an error shows the
            # request's own values, so it is drawn anew.
            parts["filters"] = (f"card-filters:{key}", filters)
        # Cached for everyone who sees the same cards (the key says who, and until when).
        shared = SimpleLazyObject(lambda: shared_parts(parts))
        page["table"] = SimpleLazyObject(lambda: shared["table"])
        page["filters"] = SimpleLazyObject(lambda: shared.get("filters") or filters())
        return page

    template = page_or_partial(request, "proposals/proposal_list.html", "results")
    # The page's address holds its filters and price level; a changed price index moves
    # the key too (the common price level's table version).
    prices = PriceToggle.from_request(request).cache_key(budget)
    return render_shared(request, template, context, key=f"{version}:{prices}")


@require_safe
def list_chart(request: HttpRequest, cycle_slug: str, name: str) -> HttpResponse:
    """One of the list's charts as an SVG image, for the same user and filters as the list:
    the list page does not wait for the drawing. Revalidated by its content (ETag)."""
    budget = get_object_or_404(BudgetCycle, slug=cycle_slug)
    draw = LIST_CHARTS.get(name)
    if draw is None:
        raise Http404
    cards, _filterset, prices = listed_selection(request, budget)
    totals = cards.totals(budget, prices.table(budget))
    if not totals.committees:
        raise Http404
    chart = draw(totals, budget)
    etag = f'"{chart.id}"'
    response = get_conditional_response(request, etag=etag) or HttpResponse(
        chart.svg, content_type="image/svg+xml; charset=utf-8"
    )
    response["ETag"] = etag
    # Signed-in users may see drafts in the totals: never in a shared cache.
    response["Cache-Control"] = "private, no-cache"
    return response


@require_safe
def proposal_detail(request: HttpRequest, cycle_slug: str, number: str) -> HttpResponse:
    card = get_card(request.user, cycle_slug, number)
    # The page's parts each read the years: one query for all of them.
    prefetch_related_objects([card], years_in_order())
    context = {
        "card": card,
        "cycle": card.cycle,
        "can_edit": request.user.has_perm("proposals.change_proposal", card),
        "can_see_history": request.user.has_perm("proposals.view_revisions", card),
        "transitions": transitions_for(request.user, card),
    }
    response = render(request, "proposals/proposal_detail.html", context)
    # After rendering: the page showed what changed since the last visit; now it is seen.
    card_viewed.send(sender=Proposal, proposal=card, user=request.user)
    return response


def _render_form(request, card: Proposal | None, cycle: BudgetCycle, form: ProposalForm):
    per_year, total, problems = form.preview_totals()
    context = {
        "cycle": cycle,
        "card": card,
        "form": form,
        "live_totals": per_year,
        "live_total": total,
        "live_problems": problems,
    }
    template = page_or_partial(request, "proposals/proposal_form.html", "live_totals")
    return render(request, template, context)


def _is_preview(request: HttpRequest) -> bool:
    # The "Beregn totaler" button without JS, or htmx's live update while typing.
    return "_preview" in request.POST


@require_http_methods(["GET", "POST"])
@login_required
def proposal_create(request: HttpRequest, cycle_slug: str) -> HttpResponse:
    budget = get_object_or_404(BudgetCycle, slug=cycle_slug)
    if not request.user.has_perm("proposals.add_proposal", budget):
        raise PermissionDenied
    form = ProposalForm(request.POST or None, cycle=budget, user=request.user)
    if request.method == "POST" and not _is_preview(request) and form.is_valid():
        try:
            card = create_proposal(
                budget, by=request.user, fields=form.card_fields(), years=form.years()
            )
        except DuplicateNumber as exc:
            form.add_error("number", str(exc))
        else:
            messages.success(request, _("Forslag %(n)s er oprettet.") % {"n": card.number})
            return redirect(card)
    return _render_form(request, None, budget, form)


@require_http_methods(["GET", "POST"])
@login_required
def proposal_edit(request: HttpRequest, cycle_slug: str, number: str) -> HttpResponse:
    card = get_card(request.user, cycle_slug, number, "proposals.change_proposal")
    form = ProposalForm(request.POST or None, instance=card, cycle=card.cycle, user=request.user)
    if request.method == "POST" and not _is_preview(request) and form.is_valid():
        try:
            revision = revise_proposal(
                card,
                by=request.user,
                fields=form.card_fields(),
                years=form.years(),
                based_on_version=form.cleaned_data["version"] or 0,
            )
        except StaleEdit as exc:
            form.add_error(None, str(exc))
        except DuplicateNumber as exc:
            form.add_error("number", str(exc))
        else:
            if revision is None:
                messages.info(request, _("Ingen ændringer at gemme."))
            else:
                messages.success(
                    request, _("Ændringerne er gemt som version %(v)s.") % {"v": revision.number}
                )
            return redirect(card)
    return _render_form(request, card, card.cycle, form)


@require_POST
@login_required
def proposal_status(request: HttpRequest, cycle_slug: str, number: str) -> HttpResponse:
    card = get_card(request.user, cycle_slug, number)
    form = StatusForm(request.POST)
    if not form.is_valid():
        raise PermissionDenied
    target = form.cleaned_data["target"]
    move = next((t for t in transitions_for(request.user, card) if t.target == target), None)
    if move is not None and move.confirm and not form.cleaned_data["confirm"]:
        # Irreversible: nothing happens until the box is ticked (browsers without
        # the required attribute, or a crafted request, end here).
        messages.error(request, _("Sæt flueben for at bekræfte: %(c)s") % {"c": move.confirm})
        return redirect(card)
    try:
        change_status(
            card,
            by=request.user,
            target=form.cleaned_data["target"],
            based_on_version=form.cleaned_data["version"],
            case_number=form.cleaned_data["case_number"],
        )
    except StaleEdit as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Status er nu “%(s)s”.") % {"s": card.get_status_display()})
    return redirect(card)


@require_safe
@login_required
def proposal_history(request: HttpRequest, cycle_slug: str, number: str) -> HttpResponse:
    card = get_card(request.user, cycle_slug, number, "proposals.view_revisions")
    revisions = card.revisions.select_related("author")
    return render(
        request,
        "proposals/proposal_history.html",
        {"card": card, "cycle": card.cycle, "revisions": revisions},
    )


@require_safe
@login_required
def proposal_compare(request: HttpRequest, cycle_slug: str, number: str) -> HttpResponse:
    card = get_card(request.user, cycle_slug, number, "proposals.view_revisions")
    revisions = list(card.revisions.select_related("author"))
    by_number = {r.number: r for r in revisions}
    try:
        newest = revisions[0].number
        old_n = int(request.GET.get("fra", max(newest - 1, 1)))
        new_n = int(request.GET.get("til", newest))
        old, new = by_number[old_n], by_number[new_n]
    except (IndexError, KeyError, ValueError):
        messages.error(request, _("Vælg to versioner, der findes."))
        return redirect("proposals:history", cycle_slug=cycle_slug, number=card.number)
    table = PriceTable.for_cycle(card.cycle)
    numbers = (old.number, new.number)
    before, price_note = at_one_price_level(old.snapshot, new.snapshot, table, numbers=numbers)
    rows = compare(before, new.snapshot)
    only_changes = request.GET.get("kun") == "aendringer"
    context = {
        "card": card,
        "cycle": card.cycle,
        "revisions": revisions,
        "old": old,
        "new": new,
        "rows": [r for r in rows if r.changed] if only_changes else rows,
        "only_changes": only_changes,
        "changed_count": sum(r.changed for r in rows),
        "price_note": price_note,
    }
    return render(request, "proposals/proposal_compare.html", context)


def _catalog_request_params(request: HttpRequest) -> dict:
    return catalog_params(
        edition=request.GET.get("udgave", PUBLIC),
        # The card list's filter names (proposals/filters.py), so its links carry them.
        kind=request.GET.get("type", ""),
        committee=request.GET.get("udvalg", ""),
        status=request.GET.get("status", ""),
        prices=request.GET.get(PRICE_PARAM, ""),
    )


@require_safe
def catalog_pdf(request: HttpRequest, cycle_slug: str) -> HttpResponse:
    """The catalog as PDF for the cards as they are now; rendered once per data state."""
    budget = get_object_or_404(BudgetCycle, slug=cycle_slug)
    params = _catalog_request_params(request)
    if params["edition"] == INTERNAL and not request.user.has_perm(
        "proposals.view_internal_catalog"
    ):
        raise PermissionDenied
    return publication_redirect(request_publication("catalog", budget, params))


@require_safe
def catalog_docx(request: HttpRequest, cycle_slug: str) -> HttpResponse:
    """The catalog as Word, with the PDF's content and access: finance edits it for the
    city council."""
    from budget_portal.word import docx_response
    from proposals.word import catalog_docx as render

    budget = get_object_or_404(BudgetCycle, slug=cycle_slug)
    params = _catalog_request_params(request)
    if params["edition"] == INTERNAL and not request.user.has_perm(
        "proposals.view_internal_catalog"
    ):
        raise PermissionDenied
    data = render(budget, params)
    return docx_response(data, f"katalog-{budget.slug}.docx", public=params["edition"] == PUBLIC)


@require_safe
def brief(request: HttpRequest, cycle_slug: str) -> HttpResponse:
    """Budget i korte træk: public, the same for everyone."""
    from proposals.brief import brief_context

    budget = get_object_or_404(BudgetCycle, slug=cycle_slug)
    context = brief_context(budget, timezone.localdate())
    return render(request, "proposals/brief.html", context)


@require_safe
def brief_pdf(request: HttpRequest, cycle_slug: str) -> HttpResponse:
    """The same as one A4 page."""
    from budget_portal.pdf import render_pdf
    from proposals.brief import brief_context

    budget = get_object_or_404(BudgetCycle, slug=cycle_slug)
    context = brief_context(budget, timezone.localdate())
    title = _("Budget i korte træk, %(name)s") % {"name": budget.name}
    response = HttpResponse(
        render_pdf("print/brief.html", context, title=title), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="kort-fortalt-{budget.slug}.pdf"'
    response["Cache-Control"] = "public, max-age=300"
    return response


@require_safe
def card_pdf(request: HttpRequest, cycle_slug: str, number: str) -> HttpResponse:
    card = get_card(request.user, cycle_slug, number)
    publication = request_publication("card", card.cycle, {"number": card.number})
    return publication_redirect(publication)
