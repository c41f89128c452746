"""The portal's URLs plus /bench/plain/: a Django page through the same middleware, without
a query or a template, and /bench/plain-post/: a form POST (CSRF check, multipart parsed)
answered with the redirect a hearing response gets, without a query. Used by
benchmarks/public_pages.py and benchmarks/hearing_load.py only; never by the product."""

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import include, path
from django.views.decorators.http import require_POST

from benchmarks.hearing_load import PLAIN_POST_PATH

PLAIN_PATH = "/bench/plain/"


def plain(request: HttpRequest) -> HttpResponse:
    return HttpResponse("<!doctype html><html lang=da><title>Loft</title><p>Ingen forespørgsler.")


@require_POST
def plain_post(request: HttpRequest) -> HttpResponse:
    """The ceiling of a hearing POST: the receipt path it redirects to names the form's key."""
    slug = request.POST["hearing"]
    return HttpResponseRedirect(f"/hoeringer/{slug}/kvittering/{request.POST['submission_key']}/")


urlpatterns = [
    path(PLAIN_PATH.strip("/") + "/", plain),
    path(PLAIN_POST_PATH.strip("/") + "/", plain_post),
    path("", include("budget_portal.urls")),
]
