"""Public pages of subscriptions: sign up, check your e-mail, confirm, unsubscribe.

Confirm and unsubscribe links show a page with a button on GET and act only on POST: mail
systems fetch links to scan them, and a scan must not sign anyone up or off. The link is the
key: the pages are not cached, and the site's Referrer-Policy (same-origin) keeps it from
other sites ("no-referrer" would make Chromium send "Origin: null" with the button's POST,
which Django's CSRF check refuses).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from budget_portal.clients import client_ip
from subscriptions import services
from subscriptions.forms import SubscribeForm
from subscriptions.models import Subscription


@require_http_methods(["GET", "POST"])
def subscribe(request: HttpRequest) -> HttpResponse:
    form = SubscribeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.is_spam:
            return redirect("subscriptions:sent")
        try:
            services.subscribe(form.cleaned_data["email"], client_ip=client_ip(request))
        except services.TooManySignups as exc:
            form.add_error(None, str(exc))
        else:
            # The same answer for a new, a pending and a confirmed address.
            return redirect("subscriptions:sent")
    return render(request, "subscriptions/subscribe.html", {"form": form})


@require_safe
def sent(request: HttpRequest) -> HttpResponse:
    return render(request, "subscriptions/sent.html", {"days": services.LINK_LIFETIME.days})


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    template = "subscriptions/confirm.html"
    try:
        subscription = services.subscription_to_confirm(token)
    except services.BadLink as exc:
        return render(request, template, {"error": str(exc)}, status=400)
    if request.method == "POST":
        services.confirm(subscription)
        return render(request, template, {"done": True, "subscription": subscription})
    return render(request, template, {"subscription": subscription})


@csrf_exempt  # RFC 8058 one-click: the mail program POSTs without a cookie; the token is proof
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    template = "subscriptions/unsubscribe.html"
    try:
        key = services.key_to_unsubscribe(token)
    except services.BadLink as exc:
        return render(request, template, {"error": str(exc)}, status=400)
    if request.method == "POST":
        services.unsubscribe(key)
        return render(request, template, {"done": True})
    subscription = Subscription.objects.filter(key=key).first()
    return render(request, template, {"subscription": subscription})
