"""Danish dates in and out: "01.01.2026", "1. januar 2026" and ISO "2026-01-01" are read."""

from __future__ import annotations

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MONTHS = (
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
)
_NUMERIC = re.compile(r"^(\d{1,2})[.\-/](\d{1,2})[.\-/](\d{4})$")
_WORDS = re.compile(r"^(\d{1,2})\.?\s+([a-zæøå]+)\.?\s+(\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def parse_danish_date(text: str | None) -> date | None:
    if text is None or not text.strip():
        return None
    cleaned = " ".join(text.strip().lower().split())
    if m := _ISO.match(cleaned):
        year, month, day = (int(g) for g in m.groups())
    elif m := _NUMERIC.match(cleaned):
        day, month, year = (int(g) for g in m.groups())
    elif m := _WORDS.match(cleaned):
        day, name, year = int(m[1]), m[2], int(m[3])
        candidates = [i for i, full in enumerate(MONTHS, 1) if full.startswith(name[:3])]
        if len(name) < 3 or len(candidates) != 1 or not MONTHS[candidates[0] - 1].startswith(name):
            raise ValidationError(
                _("“%(v)s” er ikke en dato: ukendt måned “%(m)s”.") % {"v": text, "m": name},
                code="invalid_date",
            )
        month = candidates[0]
    else:
        raise ValidationError(
            _("“%(v)s” er ikke en dato. Skriv fx 01.01.2026 eller 1. januar 2026.") % {"v": text},
            code="invalid_date",
        )
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise ValidationError(
            _("“%(v)s” findes ikke i kalenderen.") % {"v": text}, code="invalid_date"
        ) from exc
