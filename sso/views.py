"""Sign-in through the identity provider: staff and councillors (OIDC_*), and citizens who
answer a hearing that asks for MitID (OIDC_CITIZEN_*)."""

from __future__ import annotations

import logging
from functools import cache
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import auth
from django.contrib.auth import views as auth_views
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from audit.log import Action, record
from budget_portal import citizen
from sso.accounts import grants_for, sync_user
from sso.clients import client_for

log = logging.getLogger(__name__)
ID_TOKEN = "sso_id_token"  # noqa: S105 (a session key)
NEXT = "sso_next"


@cache
def flow_errors() -> tuple[type[Exception], ...]:
    """What can go wrong between the provider's answer and a verified token: a forged or
    replayed state or code, a bad signature, another audience, an expired token, a provider
    that is down. The libraries' errors are imported on first use, as the client is."""
    from authlib.common.errors import AuthlibBaseError
    from joserfc.errors import JoseError
    from requests import RequestException

    return (AuthlibBaseError, JoseError, RequestException, KeyError, ValueError)


def _absolute(name: str) -> str:
    # From SITE_URL, never from the Host header: the provider only knows the registered address.
    return settings.SITE_URL.rstrip("/") + reverse(name)


def _safe_next(request: HttpRequest, fallback: str) -> str:
    target = request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return reverse(fallback)


def _provider(name: str):
    provider = getattr(settings, name)
    if provider is None:
        raise Http404("Single sign-on er ikke sat op.")
    return provider


class LoginView(auth_views.LoginView):
    """Local passwords where LOCAL_LOGIN allows them, and the provider's button where set up."""

    template_name = "registration/login.html"

    def dispatch(self, request, *args, **kwargs):
        if not settings.LOCAL_LOGIN:
            query = urlencode({"next": request.GET.get("next", "")})
            return HttpResponseRedirect(f"{reverse('sso_login')}?{query}")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sso"] = settings.OIDC_STAFF
        return context


@require_GET
def login_start(request: HttpRequest) -> HttpResponse:
    provider = _provider("OIDC_STAFF")
    request.session[NEXT] = _safe_next(request, "my_tasks")
    try:
        return client_for(provider).authorize_redirect(request, _absolute("sso_callback"))
    except flow_errors() as exc:
        return _failed(request, exc, "staff")


def _failed(request: HttpRequest, exc: Exception, who: str) -> HttpResponse:
    log.warning("OIDC sign-in failed (%s): %s", who, exc)
    record(
        Action.LOGIN_FAILED,
        details={"method": "oidc", "provider": who, "reason": type(exc).__name__},
    )
    return render(request, "sso/failed.html", {"who": who}, status=400)


def _verified_claims(request: HttpRequest, provider) -> dict:
    client = client_for(provider)
    token = client.authorize_access_token(request, leeway=provider.leeway)
    claims = dict(token["userinfo"])
    if client.load_server_metadata().get("userinfo_endpoint"):
        extra = client.userinfo(token=token)
        # The userinfo answer must be about the person the signed ID token names.
        if str(extra.get("sub")) != str(claims["sub"]):
            raise ValueError("userinfo sub differs from the ID token's")
        claims = {**extra, **claims}
    return {**claims, "_id_token": token.get("id_token", "")}


@require_GET
def callback(request: HttpRequest) -> HttpResponse:
    provider = _provider("OIDC_STAFF")
    try:
        claims = _verified_claims(request, provider)
    except flow_errors() as exc:
        return _failed(request, exc, "staff")
    grants = grants_for(provider, claims)
    user = sync_user(provider, claims, grants)
    if not grants or not user.is_active:
        # Synced first: whoever lost every role loses it now, not at some later sign-in.
        record(
            Action.LOGIN_FAILED,
            actor_name=user.get_username(),
            details={"method": "oidc", "reason": "no_role" if user.is_active else "inactive"},
        )
        # 200: the sign-in itself worked; the page, not the status, is the answer to a person.
        return render(request, "sso/no_role.html", {"inactive": not user.is_active})
    target = request.session.pop(NEXT, None) or reverse("my_tasks")
    auth.login(request, user, backend=settings.AUTHENTICATION_BACKENDS[-1])
    request.session[ID_TOKEN] = claims["_id_token"]
    return redirect(target)


@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    """Ends the portal session and, where the provider offers it, the provider's session."""
    id_token = request.session.get(ID_TOKEN)
    auth.logout(request)
    provider = settings.OIDC_STAFF
    if id_token and provider is not None:
        try:
            end = client_for(provider).load_server_metadata().get("end_session_endpoint")
        except flow_errors():
            end = None
        if end:
            query = urlencode(
                {
                    "id_token_hint": id_token,
                    "post_logout_redirect_uri": _absolute(settings.LOGOUT_REDIRECT_URL),
                    "client_id": provider.client_id,
                }
            )
            return HttpResponseRedirect(f"{end}?{query}")
    return redirect(settings.LOGOUT_REDIRECT_URL)


@require_GET
def citizen_start(request: HttpRequest) -> HttpResponse:
    provider = _provider("OIDC_CITIZEN")
    request.session[citizen.NEXT] = _safe_next(request, "home")
    try:
        return client_for(provider).authorize_redirect(request, _absolute("mitid_callback"))
    except flow_errors() as exc:
        return _failed(request, exc, "citizen")


@require_GET
def citizen_callback(request: HttpRequest) -> HttpResponse:
    provider = _provider("OIDC_CITIZEN")
    try:
        claims = _verified_claims(request, provider)
        name = str(claims[provider.name_claim]).strip()
        if not name:
            raise ValueError("no name in the claims")
    except flow_errors() as exc:
        return _failed(request, exc, "citizen")
    citizen.remember(request, name)
    # That somebody was verified, never who: the name goes only into the response's receipt.
    record(Action.VERIFIED, details={"method": "oidc", "provider": "citizen"})
    return redirect(request.session.pop(citizen.NEXT, None) or reverse("home"))
