"""The search page: one URL, the whole page or (for htmx while typing) just the results."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from budget_portal.htmx import page_or_partial
from search.engine import search
from search.forms import SearchForm

PAGE_SIZE = 20


def _page_url(request: HttpRequest, number: int) -> str:
    params = request.GET.copy()
    params["side"] = str(number)
    return f"{request.path}?{params.urlencode()}"


@require_safe
@vary_on_headers("HX-Request")  # one URL, two renderings: a cache must keep them apart
def search_page(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    page = None
    query = ""
    if form.is_valid() and form.cleaned_data["q"]:
        query = form.cleaned_data["q"]
        results = search(
            request.user,
            query,
            cycle_slug=form.cleaned_data["budget"],
            kind=form.cleaned_data["type"],
        )
        page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("side"))
    context = {
        "form": form,
        "query": query,
        "page": page,
        "previous_url": _page_url(request, page.previous_page_number())
        if page and page.has_previous()
        else "",
        "next_url": _page_url(request, page.next_page_number()) if page and page.has_next() else "",
    }
    template = page_or_partial(request, "search/search.html", "results")
    return render(request, template, context)
