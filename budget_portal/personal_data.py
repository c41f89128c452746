"""Personal data: finding Danish CPR numbers in free text before anything is published, and
the registry of what other apps hold about a person (for their export and erasure)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

# DDMMYY-SSSS, with or without the dash or a space; not inside a longer run of digits.
_CPR = re.compile(r"(?<![\d-])(\d{2})(\d{2})(\d{2})[-\s]?(\d{4})(?![\d-])")


def find_cpr_numbers(text: str) -> list[str]:
    """CPR-shaped numbers whose first six digits are a real date (modulus 11 is not used
    since 2007, so it cannot rule a number out)."""
    found = []
    for match in _CPR.finditer(text or ""):
        day, month, year = int(match[1]), int(match[2]), int(match[3])
        for century in (1900, 2000):
            try:
                date(century + year, month, day)
            except ValueError:
                continue
            found.append(match[0])
            break
    return found


def mask_cpr_numbers(text: str) -> str:
    """TEXT with every CPR number replaced by "XXXXXX-XXXX", for a redaction draft."""
    masked = text
    for number in find_cpr_numbers(text):
        masked = masked.replace(number, "XXXXXX-XXXX")
    return masked


@dataclass(frozen=True)
class Holder:
    """Personal data an app keeps under a person's e-mail address, outside the hearing
    responses that the lookup page starts from: its part of the person's export and of their
    erasure. An app registers its holder in its AppConfig.ready(), so the export and the
    erasure reach it without importing it."""

    title: str  # its part of the export ("abonnement på nye høringer")
    audit_key: str  # its count in the audit log's erasure entry ("abonnementer")
    export: Callable[[str], list[dict]]  # what is held about the address
    erase: Callable[[str], int]  # deletes it (in the erasure's transaction); how many went
    counted: Callable[[int], str]  # "2 abonnementer", for the erasure's message


_HOLDERS: list[Holder] = []


def register_holder(holder: Holder) -> None:
    if all(existing.title != holder.title for existing in _HOLDERS):
        _HOLDERS.append(holder)


def holders() -> tuple[Holder, ...]:
    return tuple(_HOLDERS)
