"""Whole pages from the shared cache for readers without a session: the citizens.

Such a reader sees what every other one sees: no name, no message, no chosen budget year (the
switcher keeps that in the session), so a page rendered once serves them all until its key
moves. The one part that is each reader's own is the CSRF token (the layout hands it to htmx):
the cached page holds a slot for it, filled in per request, so no reader gets another's token.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from functools import cache
from hashlib import blake2b

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache as shared_cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.cache import patch_vary_headers
from django.utils.crypto import salted_hmac
from django.utils.safestring import SafeString, mark_safe

# At most this long for what a key cannot see (a committee renamed, a budget year added).
TIMEOUT = 300


@cache
def _token_slot() -> str:
    # From the secret key: no text a user writes can be mistaken for it.
    return "csrf-" + salted_hmac("budget_portal.page_cache", "slot").hexdigest()[:32]


def shared_parts(parts: dict[str, tuple[str, Callable[[], str]]]) -> dict[str, SafeString]:
    """For each name in PARTS, the HTML its maker renders, from the shared cache under its key
    while it is there: parts of a page that are the same for many readers (who they are is in
    the key), read in one look-up and kept packed as the whole pages are."""
    entries = {name: f"part.z:{key}" for name, (key, _make) in parts.items()}
    found = shared_cache.get_many(list(entries.values()))
    html, made = {}, {}
    for name, entry in entries.items():
        if (packed := found.get(entry)) is not None:
            html[name] = mark_safe(zlib.decompress(packed).decode())  # noqa: S308 (made below)
        else:
            html[name] = mark_safe(parts[name][1]())  # noqa: S308 (a template's output)
            made[entry] = zlib.compress(html[name].encode(), 1)
    if made:
        shared_cache.set_many(made, TIMEOUT)
    return html


def for_everyone(request: HttpRequest) -> bool:
    """REQUEST reads what every reader without a session reads."""
    return (
        request.method in ("GET", "HEAD")
        and not request.user.is_authenticated
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not len(messages.get_messages(request))
    )


def render_shared(
    request: HttpRequest, template: str, context: Callable[[], dict], *, key: str
) -> HttpResponse:
    """TEMPLATE with the CONTEXT it makes, as `render` gives it; for a reader without a
    session, from the shared cache under KEY (what the page shows beyond its address) and
    the request's path and query, so CONTEXT is made only when the page is not there."""
    if not for_everyone(request):
        return HttpResponse(render_to_string(template, context(), request))
    where = blake2b(request.get_full_path().encode(), digest_size=16).hexdigest()
    entry = f"page.z:{template}:{where}:{key}"  # .z: packed (zlib)
    slot = _token_slot().encode()
    packed = shared_cache.get(entry)
    if packed is None:
        html = render_to_string(template, {**context(), "csrf_token": slot.decode()}, request)
        body = html.encode()
        # Packed: a 500-card list is 216 kB of HTML and 9 kB packed, which is less to carry
        # out of the cache (the database table stores it in base64) and quicker to unpack.
        shared_cache.set(entry, zlib.compress(body, 1), TIMEOUT)
    else:
        body = zlib.decompress(packed)
    response = HttpResponse(body.replace(slot, get_token(request).encode()))
    # A page built without the layout's session look-up must still tell shared caches that
    # a signed-in reader gets another one.
    patch_vary_headers(response, ["Cookie"])
    return response
