"""One price level: a cycle's price and wage index (KL's pris- og lønskøn), the one place
amounts are converted between years' prices, and the verb that changes the table.

An amount in year A's prices is in year B's prices times index[B] / index[A]. Conversion is
Decimal and unrounded (multiplied before it is divided, so a sum converts exactly to 28
significant digits, far below one øre); it is rounded once, where it is shown (money.py,
half up) or where whole kroner are stored or exported (`whole_kroner`, half up).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.http import HttpRequest
from django.utils.translation import gettext as _

from budget_portal.dates import parse_danish_date
from budget_portal.excel import SheetSpec, column_name, write_workbook
from budget_portal.models import BudgetCycle, PriceFactor, PriceTableRevision
from budget_portal.numbers import parse_danish_decimal

# The card list, reading room and catalog take ?priser=faelles to show every total at the
# cycle's price level; without it they show the cards' own figures.
PRICE_PARAM = "priser"
COMMON = "faelles"


class MissingYears(ValueError):
    """The table has no index for some years an amount is in."""

    def __init__(self, years: Iterable[int]):
        self.years = sorted(set(years))
        super().__init__(", ".join(map(str, self.years)))


def whole_kroner(value: Decimal | int | None) -> int | None:
    """VALUE rounded half up (away from zero) to whole kroner, for storage and exports."""
    if value is None:
        return None
    return int(Decimal(value).quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class PriceTable:
    """A cycle's index per year, and the year whose prices every total is shown in."""

    base_year: int
    index: Mapping[int, Decimal] = field(default_factory=dict)

    @classmethod
    def for_cycle(cls, cycle: BudgetCycle) -> PriceTable:
        rows = PriceFactor.objects.filter(cycle=cycle).values_list("year", "index")
        return cls(base_year=cycle.price_year, index=dict(rows))

    def missing(self, price_years: Iterable[int]) -> list[int]:
        """The years among PRICE_YEARS, and the base year, that the table has no index for;
        none missing when every price year already is the base year."""
        wanted = set(price_years) - {self.base_year}
        if not wanted:
            return []
        return sorted(y for y in wanted | {self.base_year} if y not in self.index)

    def convert(self, kroner: int | Decimal | None, price_year: int) -> Decimal | None:
        """KRONER in PRICE_YEAR's prices, in the base year's prices; None stays unknown."""
        if kroner is None:
            return None
        if price_year == self.base_year:
            return Decimal(kroner)
        if missing := self.missing([price_year]):
            raise MissingYears(missing)
        return Decimal(kroner) * self.index[self.base_year] / self.index[price_year]

    def to_year(self, base_year: int) -> PriceTable:
        """The same index, with totals shown in BASE_YEAR's prices."""
        return PriceTable(base_year=base_year, index=self.index)


@dataclass(frozen=True)
class Level:
    """What price level a set of totals is in (the fields CycleTotals and a scenario's Effect
    carry too), where one note covers several of them."""

    other_price_years: list[int]
    missing_price_years: list[int]
    converted: bool


def price_phrase(totals, base_year: int) -> str:
    """The words a chart's description uses for the price level of TOTALS."""
    if totals.converted:
        return _("omregnet til %(y)s-priser") % {"y": base_year}
    if totals.other_price_years:
        return _("hvert forslag i sit eget prisniveau, ikke omregnet")
    return _("i %(y)s-priser") % {"y": base_year}


def price_note(totals, base_year: int) -> str:
    """The sentence on what price level TOTALS (the card list's CycleTotals or a scenario's
    Effect) are in, for files; the pages say the same in
    templates/proposals/partials/_price_level_note.html."""
    years = ", ".join(map(str, totals.other_price_years))
    if totals.converted:
        return _(
            "Totalerne er omregnet til %(base)s-priser med budgetårets pris- og lønindeks. "
            "Forslag i %(years)s-priser står med deres egne tal på forslaget."
        ) % {"base": base_year, "years": years}
    if totals.missing_price_years:
        missing = ", ".join(map(str, totals.missing_price_years))
        return _("Pris- og lønindekset mangler %(years)s, så totalerne er ikke omregnet.") % {
            "years": missing
        }
    if totals.other_price_years:
        return _(
            "Nogle er i %(years)s-priser, resten i %(base)s-priser; totalerne er ikke omregnet."
        ) % {"years": years, "base": base_year}
    return ""


@dataclass(frozen=True)
class PriceToggle:
    """The two ways a page shows its totals, as plain links (no JavaScript needed)."""

    on: bool
    common_url: str
    own_url: str

    @classmethod
    def from_request(cls, request: HttpRequest) -> PriceToggle:
        query = request.GET.copy()
        query.pop(PRICE_PARAM, None)
        own = query.urlencode()
        query[PRICE_PARAM] = COMMON
        return cls(
            on=request.GET.get(PRICE_PARAM) == COMMON,
            common_url=f"{request.path}?{query.urlencode()}",
            own_url=f"{request.path}?{own}" if own else request.path,
        )

    def table(self, cycle: BudgetCycle) -> PriceTable | None:
        """The cycle's table when the totals are asked at one price level, else None."""
        return PriceTable.for_cycle(cycle) if self.on else None

    def cache_key(self, cycle: BudgetCycle) -> str:
        """What a cached page of totals depends on here: the mode and the table's version."""
        if not self.on:
            return "egne"
        version = cycle.price_revisions.aggregate(n=Max("number"))["n"] or 0
        return f"{COMMON}.{version}"


# --- changing the table -------------------------------------------------------------------


@dataclass(frozen=True)
class FactorRow:
    """One validated year of the table, as a form or an Excel row gives it."""

    year: int
    index: Decimal
    source: str
    published_on: date


def snapshot(cycle: BudgetCycle, rows: Iterable[FactorRow]) -> dict:
    return {
        "base_year": cycle.price_year,
        "years": {
            str(r.year): {
                "index": format(r.index.normalize(), "f"),
                "source": r.source,
                "published_on": r.published_on.isoformat(),
            }
            for r in sorted(rows, key=lambda r: r.year)
        },
    }


@transaction.atomic(durable=True)
def replace_price_table(
    cycle: BudgetCycle, rows: list[FactorRow], *, by, action: str
) -> PriceTableRevision:
    """Make ROWS the cycle's whole price table and keep the new state as a revision."""
    locked = BudgetCycle.objects.select_for_update().get(pk=cycle.pk)
    years = [r.year for r in rows]
    if len(set(years)) != len(years):
        raise ValueError("one row per year")  # the forms refuse this with a Danish message
    PriceFactor.objects.filter(cycle=locked).delete()
    PriceFactor.objects.bulk_create(
        PriceFactor(
            cycle=locked, year=r.year, index=r.index, source=r.source, published_on=r.published_on
        )
        for r in rows
    )
    last = locked.price_revisions.aggregate(n=Max("number"))["n"] or 0
    return PriceTableRevision.objects.create(
        cycle=locked, number=last + 1, author=by, action=action, snapshot=snapshot(locked, rows)
    )


# --- reading the table from Excel ---------------------------------------------------------

SHEET = "Prisindeks"
COLUMNS = ("År", "Indeks", "Kilde", "Dato")
MAX_INDEX = Decimal(100_000)


def parse_index(value) -> Decimal:
    """An index as typed ("102,3") or as a number cell; positive, at most four decimals."""
    if isinstance(value, bool):
        raise ValidationError(_("Indekset skal være et tal, fx 102,3."))
    if isinstance(value, int | float | Decimal):
        # A float cell holds what Excel showed: its shortest repr, not its binary expansion.
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    else:
        number = parse_danish_decimal(str(value))
    if number is None:
        raise ValidationError(_("Skriv indekset, fx 102,3."))
    if number <= 0 or number >= MAX_INDEX:
        raise ValidationError(_("Indekset skal være et positivt tal, fx 100 eller 102,3."))
    if number != number.quantize(Decimal("0.0001")):
        raise ValidationError(_("Indekset kan højst have fire decimaler."))
    return number


def parse_year(value) -> int:
    text = str(value).strip() if not isinstance(value, float) else repr(value)
    if text.endswith(".0"):  # a number cell read as float
        text = text[:-2]
    if not text.isdigit() or not 1990 <= int(text) <= 2100:
        raise ValidationError(_("“%(v)s” er ikke et år mellem 1990 og 2100.") % {"v": value})
    return int(text)


def _parse_date(value) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    parsed = parse_danish_date(str(value))
    if parsed is None:  # pragma: no cover - empty cells are caught before
        raise ValidationError(_("Skriv datoen for skønnet."))
    return parsed


def rows_from_sheet(sheet) -> tuple[list[FactorRow], list[str]]:
    """The table in SHEET (budget_portal.excel.Sheet), or every row's errors in Danish,
    each naming its row and column. Columns are found by their heading, in any order."""
    wanted = {name.lower(): name for name in COLUMNS}
    found = {h.lower(): i for i, h in enumerate(sheet.header) if h.lower() in wanted}
    if missing := [name for name in COLUMNS if name.lower() not in found]:
        return [], [
            _("Arket “%(s)s” mangler kolonnen/kolonnerne %(c)s i første række.")
            % {"s": SHEET, "c": ", ".join(f"“{m}”" for m in missing)}
        ]
    parsers = {"år": parse_year, "indeks": parse_index, "kilde": str, "dato": _parse_date}
    rows: list[FactorRow] = []
    errors: list[str] = []
    first_row: dict[int, int] = {}
    for number, values in sheet.rows:
        parsed = {}
        for key, index in found.items():
            value = values[index] if index < len(values) else None
            where = _("Række %(r)s, %(c)s") % {"r": number, "c": column_name(index, sheet.header)}
            if value is None or str(value).strip() == "":
                errors.append(_("%(w)s: feltet er tomt.") % {"w": where})
                continue
            try:
                parsed[key] = parsers[key](value.strip() if isinstance(value, str) else value)
            except ValidationError as exc:
                errors.append(f"{where}: {' '.join(exc.messages)}")
        if len(parsed) < len(COLUMNS):
            continue
        if len(parsed["kilde"]) > 200:
            errors.append(_("Række %(r)s: kilden er for lang (højst 200 tegn).") % {"r": number})
            continue
        if (earlier := first_row.get(parsed["år"])) is not None:
            errors.append(
                _("Række %(r)s: år %(y)s står også i række %(e)s.")
                % {"r": number, "y": parsed["år"], "e": earlier}
            )
            continue
        first_row[parsed["år"]] = number
        rows.append(FactorRow(parsed["år"], parsed["indeks"], parsed["kilde"], parsed["dato"]))
    if not rows and not errors:
        errors.append(_("Arket “%(s)s” har ingen rækker under overskrifterne.") % {"s": SHEET})
    return rows, errors


def table_workbook(cycle: BudgetCycle) -> bytes:
    """The cycle's table in the import format: an export and a template in one."""
    factors = PriceFactor.objects.filter(cycle=cycle)
    rows = [[f.year, f.index, f.source, f.published_on] for f in factors]
    return write_workbook(
        [
            SheetSpec(
                SHEET,
                list(COLUMNS),
                rows,
                widths={3: 40, 4: 14},
                number_formats={2: "0.0###"},
            )
        ]
    )
