"""Money: whole kroner stored, shown in a cycle's unit (mio. kr., 1.000 kr., kr.), Danish style.

Display rounding is Decimal ROUND_HALF_UP (as Excel's ROUND), never float or round().
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from budget_portal.models import DisplayUnit

UNIT_FACTOR = {
    DisplayUnit.MILLION: Decimal(1_000_000),
    DisplayUnit.THOUSAND: Decimal(1_000),
    DisplayUnit.KRONER: Decimal(1),
}
UNIT_DECIMALS = {DisplayUnit.MILLION: 3, DisplayUnit.THOUSAND: 0, DisplayUnit.KRONER: 0}
UNIT_LABEL = {
    DisplayUnit.MILLION: "mio. kr.",
    DisplayUnit.THOUSAND: "1.000 kr.",
    DisplayUnit.KRONER: "kr.",
}
# Seven digits of kroner above a billion are far past any municipal budget line.
MAX_KRONER = 10**15


def to_kroner(value: Decimal | None, unit: str) -> int | None:
    """VALUE written in UNIT as whole kroner; refuses fractions of a krone."""
    if value is None:
        return None
    kroner = value * UNIT_FACTOR[DisplayUnit(unit)]
    if kroner != kroner.to_integral_value():
        raise ValidationError(
            _("Beløbet kan ikke være mere præcist end hele kroner (højst %(d)s decimaler i %(u)s).")
            % {"d": _max_decimals(unit), "u": UNIT_LABEL[DisplayUnit(unit)]},
            code="fraction_of_krone",
        )
    if abs(kroner) >= MAX_KRONER:
        raise ValidationError(_("Beløbet er urimeligt stort."), code="too_large")
    return int(kroner)


def _max_decimals(unit: str) -> int:
    return {DisplayUnit.MILLION: 6, DisplayUnit.THOUSAND: 3, DisplayUnit.KRONER: 0}[
        DisplayUnit(unit)
    ]


def group_thousands(digits: str) -> str:
    out = []
    while len(digits) > 3:
        out.insert(0, digits[-3:])
        digits = digits[:-3]
    out.insert(0, digits)
    return ".".join(out)


def format_decimal(value: Decimal | int, places: int = 0) -> str:
    """Danish notation: 1.250.000,5 — thousands with dots, decimal comma, half away from zero."""
    number = Decimal(value)
    quantum = Decimal(1).scaleb(-places)
    rounded = number.quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if rounded < 0 else ""
    whole, _dot, frac = f"{abs(rounded):f}".partition(".")
    text = group_thousands(whole)
    if places:
        text += "," + frac.ljust(places, "0")
    return sign + text


def in_unit(kroner: int | None, unit: str, places: int | None = None) -> str:
    """KRONER shown as a number in UNIT without the unit ("2,000" for 2 mio. kr.)."""
    if kroner is None:
        return ""
    # The dicts are keyed by DisplayUnit, a str enum: "mio" finds its entry, a wrong unit
    # none (KeyError), without converting UNIT for each of the 2,000 figures of a card list.
    places = UNIT_DECIMALS[unit] if places is None else places
    step, uneven = divmod(_WHOLE_FACTOR[unit], 10**places)  # kroner per last digit shown
    if uneven or not step or not isinstance(kroner, int):
        return format_decimal(Decimal(kroner) / UNIT_FACTOR[unit], places)
    # Whole kroner in whole steps: integer arithmetic gives what format_decimal gives (half
    # away from zero), and several times faster.
    digits, rest = divmod(abs(kroner), step)
    digits += rest * 2 >= step
    whole, fraction = divmod(digits, 10**places)
    text = f"{whole:,}".replace(",", ".")
    if places:
        text += "," + str(fraction).zfill(places)
    return ("-" if kroner < 0 and digits else "") + text


_WHOLE_FACTOR = {unit: int(factor) for unit, factor in UNIT_FACTOR.items()}


def kroner_input(kroner: int | None, unit: str) -> str:
    """KRONER as a form value in UNIT, exact (all needed decimals, no rounding)."""
    if kroner is None:
        return ""
    unit = DisplayUnit(unit)
    value = Decimal(kroner) / UNIT_FACTOR[unit]
    places = max(UNIT_DECIMALS[unit], -value.normalize().as_tuple().exponent)
    return format_decimal(value, places)


def format_kr(kroner: int | None) -> str:
    """1.250.000 kr."""
    if kroner is None:
        return ""
    return f"{format_decimal(kroner)} kr."


def format_mio(kroner: int | None, places: int = 3) -> str:
    """2,000 mio. kr."""
    if kroner is None:
        return ""
    return f"{in_unit(kroner, DisplayUnit.MILLION, places)} mio. kr."


def format_fte(value: Decimal | None) -> str:
    """Årsværk: whole numbers bare ("1"), fractions with a comma ("0,54")."""
    if value is None:
        return ""
    normalized = Decimal(value).normalize()
    places = max(0, -normalized.as_tuple().exponent)
    return format_decimal(normalized, places)
