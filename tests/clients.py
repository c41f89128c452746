"""A test client that posts as a browser does: with the CSRF token of the page it is on.

Django's plain test client skips the CSRF check, so a form whose token went missing (an
`{% include ... only %}` drops `csrf_token`) still passes every test. This client enforces the
check and, like a browser, can only send a token that the last page it loaded offered for
that address: the hidden field of a `<form method="post">` whose action is the address, or
the `hx-headers` token on `<body>` for an element that posts there with htmx.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.test import Client

TOKEN_FIELD = "csrfmiddlewaretoken"
TOKEN_HEADER = "HTTP_X_CSRFTOKEN"


class _PageTokens(HTMLParser):
    """Collects, per form action, the token its form carries; and the htmx token and targets."""

    def __init__(self, page_path: str):
        super().__init__(convert_charrefs=True)
        self.page_path = page_path
        self.form_tokens: dict[str, str | None] = {}
        self.htmx_targets: set[str] = set()
        self.htmx_token: str | None = None
        self._forms: list[str] = []  # actions of the forms we are inside

    def _path(self, url: str | None) -> str:
        return urlsplit(url).path or self.page_path if url else self.page_path

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "body" and attrs.get("hx-headers"):
            self.htmx_token = json.loads(attrs["hx-headers"]).get("X-CSRFToken")
        if tag == "form":
            action = self._path(attrs.get("action"))
            self._forms.append(action)
            if (attrs.get("method") or "get").lower() == "post":
                self.form_tokens.setdefault(action, None)
        if tag in ("input", "button") and self._forms:
            action = self._forms[-1]
            if attrs.get("name") == TOKEN_FIELD and action in self.form_tokens:
                self.form_tokens[action] = attrs.get("value")
            # A button may post its form elsewhere (formaction).
            if attrs.get("formaction") and self.form_tokens.get(action):
                self.form_tokens.setdefault(self._path(attrs["formaction"]), None)
                target = self._path(attrs["formaction"])
                self.form_tokens[target] = self.form_tokens[target] or self.form_tokens[action]
        for verb in ("hx-post", "hx-put", "hx-patch", "hx-delete"):
            if attrs.get(verb) is not None:
                self.htmx_targets.add(self._path(attrs[verb]))

    def handle_endtag(self, tag):
        if tag == "form" and self._forms:
            self._forms.pop()


class BrowserClient(Client):
    def __init__(self, **defaults):
        super().__init__(enforce_csrf_checks=True, **defaults)
        self.page: _PageTokens | None = None  # the last full page
        self.fragment: _PageTokens | None = None  # the last htmx fragment swapped into it

    def request(self, **request):
        response = super().request(**request)
        # Whatever HTML the browser shows next (a page, a form re-shown with its errors, an
        # error page with the header's logout form) is where its next POST comes from. After a
        # server error the user goes back to the form and sends it again.
        is_html = response.get("Content-Type", "").startswith("text/html")
        if is_html and (response.status_code < 300 or 400 <= response.status_code < 500):
            self._read(request.get("PATH_INFO", "/"), response, request)
        return response

    def _read(self, path, response, request):
        if getattr(response, "streaming", False):
            return
        tokens = _PageTokens(path)
        tokens.feed(response.content.decode(response.charset or "utf-8", "replace"))
        if "HTTP_HX_REQUEST" in request and "HTTP_HX_HISTORY_RESTORE_REQUEST" not in request:
            self.fragment = tokens
        else:
            self.page, self.fragment = tokens, None

    def post(self, path, data=None, content_type=None, **extra):
        data = {} if data is None else data
        if isinstance(data, dict) and TOKEN_FIELD not in data and TOKEN_HEADER not in extra:
            data, extra = self._with_token(path, data, extra)
        if content_type is None:
            return super().post(path, data, **extra)
        return super().post(path, data, content_type=content_type, **extra)

    def _with_token(self, path, data, extra):
        target = urlsplit(path).path
        htmx = (
            "HTTP_HX_REQUEST" in extra
            or "headers" in extra
            and "HX-Request" in (extra["headers"] or {})
        )
        for tokens in (self.fragment, self.page):
            if tokens is None:
                continue
            if htmx and target in tokens.htmx_targets and self.page and self.page.htmx_token:
                return data, {**extra, TOKEN_HEADER: self.page.htmx_token}
            token = tokens.form_tokens.get(target)
            if token:
                return {**data, TOKEN_FIELD: token}, extra
            if htmx and target in tokens.form_tokens and self.page and self.page.htmx_token:
                # hx-post on a form: htmx sends the body's header even if the field is missing.
                return data, {**extra, TOKEN_HEADER: self.page.htmx_token}
        return data, extra  # no page offered this form: the request goes without a token


def token_from_cookie(client: Client) -> str:
    """The CSRF token a scripted attacker with their own session could send: for tests of
    what the server refuses beyond CSRF (crafted requests, the permission matrix)."""
    from django.middleware.csrf import _get_new_csrf_string, _mask_cipher_secret

    secret = client.cookies.get("csrftoken")
    if secret is None:
        secret = _get_new_csrf_string()
        client.cookies["csrftoken"] = secret
        return _mask_cipher_secret(secret)
    return _mask_cipher_secret(secret.value)


def scripted_post(client: Client, path: str, data=None, **extra):
    """A POST no page offered, sent by a script with the user's own session and token: the
    server's own checks (permission, state, validation) must refuse what it should."""
    data = {} if data is None else data
    return client.post(path, {**data, TOKEN_FIELD: token_from_cookie(client)}, **extra)
