"""Every POST form of the portal, found by reading the pages of every URL (the permission
matrix's world) as each kind of visitor: a NUL byte or an overlong text in its fields gets
an answer, never a server error, and nothing of it is stored."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urljoin

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse

from tests.test_permission_matrix import MATRIX, _close_file, world  # noqa: F401 - fixture

TEXT_TYPES = {"text", "email", "url", "search", "tel", ""}
# Forms whose success is leaving: nothing of theirs is under test here.
SKIP_ACTIONS = ("/log-ud/", "/logout/")
NUL = "Bevar\x00svømmehallen"
OVERLONG = "x" * 100_001


class Forms(HTMLParser):
    """The POST forms of a page: action, default values, and the names of text fields."""

    def __init__(self, base: str):
        super().__init__()
        self.base = base
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            action = a.get("hx-post") or a.get("action") or self.base
            post = a.get("method", "get").lower() == "post" or "hx-post" in a
            self._form = {
                "action": urljoin(self.base, action),
                "data": {},
                "text": [],
                "post": post,
            }
            self.forms.append(self._form)
            return
        form = self._form
        if form is not None and tag == "option" and self._select:
            if "selected" in a or self._select not in form["data"]:
                form["data"][self._select] = a.get("value", "")
            return
        if form is None or not a.get("name"):
            return
        name = a["name"]
        if tag == "input":
            kind = a.get("type", "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    form["data"].setdefault(name, a.get("value", "on"))
            elif kind not in ("file", "submit", "button", "image", "reset"):
                form["data"][name] = a.get("value", "")
                if kind in TEXT_TYPES:
                    form["text"].append(name)
        elif tag == "textarea":
            form["data"][name] = ""
            form["text"].append(name)
            self._textarea = name
        elif tag == "select":
            self._select = name
        elif (
            tag == "option"
            and self._select
            and ("selected" in a or self._select not in form["data"])
        ):
            form["data"][self._select] = a.get("value", "")

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea and self._form is not None:
            self._form["data"][self._textarea] += data


def stored_bad_text() -> list[str]:
    """Text columns holding a NUL byte or more characters than the column allows (read in
    Python: SQLite's LIKE stops at a NUL)."""
    found = []
    for model in apps.get_models():
        fields = [
            f
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField)
        ]
        for row in model._default_manager.values(*[f.attname for f in fields]):
            for field in fields:
                value = row[field.attname] or ""
                if "\x00" in value:
                    found.append(f"{model._meta.label}.{field.name}: NUL")
                if isinstance(field, models.CharField) and len(value) > (field.max_length or 1e9):
                    found.append(f"{model._meta.label}.{field.name}: too long")
    return sorted(set(found))


def forms_of(
    client, places: dict, *, text_only: bool = True, method: str = "post"
) -> dict[tuple, dict]:
    found = {}
    for name, cases in MATRIX.items():
        for key, _expected in cases:
            url = reverse(name, kwargs=places[key])
            page = client.get(url)
            _close_file(page)
            if page.status_code != 200 or not page["Content-Type"].startswith("text/html"):
                continue
            parser = Forms(url)
            parser.feed(page.text)
            for form in parser.forms:
                if form["post"] != (method == "post"):
                    continue
                if (form["text"] or not text_only) and not form["action"].endswith(SKIP_ACTIONS):
                    found.setdefault((form["action"], tuple(sorted(form["data"]))), form)
    return found


@pytest.mark.parametrize("persona", ["anonymous", "editor_a", "politician_a", "finance"])
def test_every_form_answers_nul_and_overlong_text_without_an_error(
    client, persona, request, department_b
):
    places = request.getfixturevalue("world")
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    forms = forms_of(client, places)
    assert forms, "no forms found"
    errors = []
    for form in forms.values():
        for bad in (NUL, OVERLONG):
            data = {**form["data"], **dict.fromkeys(form["text"], bad)}
            try:
                answer = client.post(form["action"], data)
            except Exception as exc:  # the test client re-raises what would be a 500
                errors.append(f"{form['action']} {form['text']}: {type(exc).__name__}: {exc}")
                continue
            if answer.status_code >= 500:
                errors.append(f"{form['action']} {form['text']}: {answer.status_code}")
    errors += stored_bad_text()
    assert not errors, "\n".join(errors)


@pytest.mark.parametrize("persona", ["anonymous", "politician_a", "finance"])
def test_every_search_and_filter_answers_nul_and_overlong_text_without_an_error(
    client, persona, request, department_b
):
    places = request.getfixturevalue("world")
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    forms = forms_of(client, places, method="get")
    assert forms, "no search or filter forms found"
    errors = []
    for form in forms.values():
        for bad in (NUL, "x" * 5_000):
            data = {**form["data"], **dict.fromkeys(form["text"], bad)}
            try:
                answer = client.get(form["action"], data)
                _close_file(answer)
            except Exception as exc:  # the test client re-raises what would be a 500
                errors.append(f"{form['action']} {form['text']}: {type(exc).__name__}: {exc}")
                continue
            if answer.status_code >= 500:
                errors.append(f"{form['action']} {form['text']}: {answer.status_code}")
    assert not errors, "\n".join(errors)
