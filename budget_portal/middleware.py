"""Response headers Django does not set itself, and the same headers on answers built before
the middleware chain ran."""

from __future__ import annotations

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.middleware.security import SecurityMiddleware
from django.utils.cache import patch_cache_control


class SecurityHeadersMiddleware:
    """Permissions-Policy everywhere; pages for a signed-in user are never stored, so the
    back button after logout shows nothing that needed a login."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return portal_headers(request, self.get_response(request))


def portal_headers(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
    user = getattr(request, "user", None)
    if "Cache-Control" not in response and user is not None and user.is_authenticated:
        patch_cache_control(response, private=True, no_store=True)
    return response


def with_security_headers(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """CSP, nosniff, Referrer-Policy, X-Frame-Options, HSTS and Permissions-Policy on RESPONSE,
    as the middleware chain sets them.

    Django turns an exception raised inside a middleware (DisallowedHost from a bad Host header,
    raised by SecurityMiddleware's https redirect or CommonMiddleware) into the handler400 page
    at that middleware, and the answer goes back out through the middlewares before it only:
    those that set these headers never see it. Each one adds a header only when it is missing,
    so a response that does pass the whole chain is unchanged."""

    def answer(_request):
        return response

    for middleware in (SecurityMiddleware, XFrameOptionsMiddleware, CSPMiddleware):
        response = middleware(answer).process_response(request, response)
    return portal_headers(request, response)
