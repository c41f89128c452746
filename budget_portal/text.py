"""Free text as people type it: one kind of line ending, and no invisible direction marks.

Browsers post textareas with CRLF; imports and the admin may bring lone CRs. Stored text
uses LF only, so a card saved unchanged compares equal to itself. Unicode bidirectional
embedding/override/isolate controls (U+202A-U+202E, U+2066-U+2069) can make a name or a
sentence read differently from what is stored ("Trojan Source"); they are refused. The
implicit marks U+200E/U+200F are allowed: they only nudge neutral characters, cannot hide
or reorder text, and turn up legitimately in text pasted from word processors.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy

BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_BIDI_RE = re.compile("[" + "".join(sorted(BIDI_CONTROLS)) + "]")
_LINE_END_RE = re.compile(r"\r\n?")

BIDI_MESSAGE = gettext_lazy(
    "Teksten indeholder usynlige retningstegn (Unicode-styretegn for skriveretning), "
    "som kan få teksten til at se anderledes ud, end den er. Fjern dem, fx ved at skrive "
    "teksten igen i stedet for at kopiere den."
)


def normalise_newlines(value: Any) -> Any:
    """CRLF and lone CR become LF; anything that is not a string is returned as it is."""
    if isinstance(value, str) and "\r" in value:
        return _LINE_END_RE.sub("\n", value)
    return value


def has_bidi_controls(value: Any) -> bool:
    return isinstance(value, str) and _BIDI_RE.search(value) is not None


def reject_bidi_controls(value: Any) -> None:
    """A field validator: the Danish message at the field when a direction control is there."""
    if has_bidi_controls(value):
        raise ValidationError(BIDI_MESSAGE, code="bidi_control")


TEXT_FIELD_TYPES = (models.CharField, models.TextField)


def text_fields(model) -> list[str]:
    """Attribute names of a model's own char and text columns (email, slug ... included)."""
    return [
        f.attname
        for f in model._meta.concrete_fields
        if isinstance(f, TEXT_FIELD_TYPES) and not f.primary_key
    ]


def normalise_stored_rows(model) -> int:
    """Rewrite stored rows of MODEL (a historical model in a data migration) with LF endings.
    Only rows holding a CR are touched, each field by itself; returns the rows changed."""
    changed = 0
    names = text_fields(model)
    if not names:
        return 0
    query = models.Q()
    for name in names:
        query |= models.Q(**{f"{name}__contains": "\r"})
    for row in model._base_manager.filter(query).iterator():
        updates = {
            name: normalise_newlines(getattr(row, name))
            for name in names
            if isinstance(getattr(row, name), str) and "\r" in getattr(row, name)
        }
        if updates:
            model._base_manager.filter(pk=row.pk).update(**updates)
            changed += 1
    return changed


def normalise_app_rows(apps, app_label: str) -> int:
    """For a RunPython: every model of one app, as that app's migration state has them."""
    return sum(normalise_stored_rows(m) for m in apps.get_app_config(app_label).get_models())


def normalise_json_rows(model, field: str) -> int:
    """For a RunPython: LF endings inside one JSON column (snapshots that saves compare)."""
    changed = 0
    for pk, value in model._base_manager.values_list("pk", field).iterator():
        clean = normalise_json(value)
        if clean != value:
            model._base_manager.filter(pk=pk).update(**{field: clean})
            changed += 1
    return changed


def normalise_json(value: Any) -> Any:
    """Strings inside a JSON value (a revision's snapshot) with LF endings."""
    if isinstance(value, str):
        return normalise_newlines(value)
    if isinstance(value, list):
        return [normalise_json(v) for v in value]
    if isinstance(value, dict):
        return {k: normalise_json(v) for k, v in value.items()}
    return value


@functools.cache
def _portal_text_fields(model) -> tuple[str, ...]:
    """The text columns of the portal's own apps' models; none for Django's and libraries'."""
    from django.conf import settings

    config = getattr(model._meta, "app_config", None)
    path = str(getattr(config, "path", "") or "")
    if not path.startswith(str(settings.BASE_DIR)) or ".venv" in path:
        return ()
    return tuple(text_fields(model))


def normalise_on_save(sender, instance, raw=False, **kwargs) -> None:
    """pre_save receiver: the portal's own models store LF line endings only."""
    if raw:
        return
    for name in _portal_text_fields(sender):
        value = getattr(instance, name, None)
        if isinstance(value, str) and "\r" in value:
            setattr(instance, name, normalise_newlines(value))
