"""Personal data in free text: finding Danish CPR numbers before anything is published."""

from __future__ import annotations

import re
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
