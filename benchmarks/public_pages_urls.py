"""The portal's URLs plus /bench/plain/: a Django page through the same middleware, without
a query or a template. Used by benchmarks/public_pages.py only; never by the product."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path

PLAIN_PATH = "/bench/plain/"


def plain(request: HttpRequest) -> HttpResponse:
    return HttpResponse("<!doctype html><html lang=da><title>Loft</title><p>Ingen forespørgsler.")


urlpatterns = [
    path(PLAIN_PATH.strip("/") + "/", plain),
    path("", include("budget_portal.urls")),
]
