"""Strict parsing of Danish numbers ("1.250.000", "2,000", "-0,95"): one place, clear Danish errors.

Dots group thousands and must come in threes; a comma marks decimals. Anything else
("12.5", "1e6", "1.250.000.50", "1,2,3") is refused rather than guessed at, because a
mis-read decimal point turns 12,5 mio. kr. into 125 mio. kr.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_STRICT = re.compile(r"^(?P<sign>[+-]?)(?P<int>\d{1,3}(?:\.\d{3})+|\d+)(?:,(?P<frac>\d+))?$")
# Minus signs people paste from Word and PDFs.
_MINUS = str.maketrans({"\u2212": "-", "\u2013": "-", "\u00a0": " ", "\u202f": " "})


def parse_danish_decimal(text: str | None) -> Decimal | None:
    """Return the number written in TEXT, or None for an empty field (figure not yet known)."""
    if text is None:
        return None
    cleaned = text.translate(_MINUS).strip()
    if cleaned == "":
        return None
    # A space between sign and digits ("- 0,950") is common in copied tables.
    cleaned = re.sub(r"^([+-])\s+", r"\1", cleaned)
    match = _STRICT.match(cleaned)
    if match is None:
        raise ValidationError(_explain(cleaned), code="invalid_number")
    digits = match["int"].replace(".", "")
    frac = match["frac"] or ""
    try:
        value = Decimal(f"{digits}.{frac}" if frac else digits)
    except InvalidOperation as exc:  # pragma: no cover - the regex admits only digits
        raise ValidationError(_explain(cleaned), code="invalid_number") from exc
    return -value if match["sign"] == "-" else value


def _explain(text: str) -> str:
    if re.search(r"\d[eE][+-]?\d", text):
        return _("“%(v)s” er ikke et gyldigt tal: skriv tallet helt ud, fx 1.000.000.") % {
            "v": text
        }
    if "," not in text and re.fullmatch(r"[+-]?\d+\.\d{1,2}|[+-]?\d+\.\d{4,}", text):
        return _(
            "“%(v)s” er ikke et gyldigt tal: brug komma som decimaltegn, fx 12,5 "
            "(punktum adskiller kun tusinder)."
        ) % {"v": text}
    if text.count(",") > 1:
        return _("“%(v)s” er ikke et gyldigt tal: der må kun være ét komma.") % {"v": text}
    if "." in text:
        return _(
            "“%(v)s” er ikke et gyldigt tal: punktum adskiller tusinder i grupper af tre cifre "
            "(fx 1.250.000), og decimaler skrives efter et komma (fx 1.250,5)."
        ) % {"v": text}
    return _("“%(v)s” er ikke et gyldigt tal. Skriv fx 1.250,5 eller -0,950.") % {"v": text}
