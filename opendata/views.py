"""Open data pages: the documentation, the data files and each cycle's datapackage.json."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import conditional_page, require_safe

from budget_portal.models import BudgetCycle
from opendata.datasets import Source, rows_for
from opendata.formats import to_csv
from opendata.package import datapackage, json_document, licence
from opendata.schema import DATASETS


def data_file(view):
    """The files are the same for everyone: cacheable, an ETag from the content (304 when
    unchanged), and readable by scripts on other sites."""

    @require_safe
    @conditional_page
    @cache_control(public=True, max_age=300)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        return response

    return wrapper


def _docs_url(request: HttpRequest) -> str:
    return request.build_absolute_uri(reverse("opendata:index"))


def _source(request: HttpRequest, cycle_slug: str) -> Source:
    budget = get_object_or_404(BudgetCycle, slug=cycle_slug)
    return Source(budget, request.build_absolute_uri("/").rstrip("/"))


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "opendata/index.html",
        {
            "datasets": DATASETS.values(),
            "cycles": BudgetCycle.objects.newest_first(),
            "licence": licence(),
        },
    )


@data_file
def dataset_csv(request: HttpRequest, cycle_slug: str, name: str) -> HttpResponse:
    src = _source(request, cycle_slug)
    dataset = DATASETS[name]
    response = HttpResponse(
        to_csv(dataset, rows_for(name, src)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{src.cycle.slug}-{name}.csv"'
    return response


@data_file
def dataset_json(request: HttpRequest, cycle_slug: str, name: str) -> HttpResponse:
    src = _source(request, cycle_slug)
    document = json_document(
        DATASETS[name], src.cycle, rows_for(name, src, json=True), docs_url=_docs_url(request)
    )
    return JsonResponse(document, json_dumps_params={"ensure_ascii": False})


@data_file
def datapackage_json(request: HttpRequest, cycle_slug: str) -> HttpResponse:
    src = _source(request, cycle_slug)
    descriptor = datapackage(src.cycle, docs_url=_docs_url(request), site_url=src.url("/"))
    return JsonResponse(descriptor, json_dumps_params={"ensure_ascii": False, "indent": 2})
