"""Cards in and out of Excel: the sheet "Forslag", validated row by row, applied atomically.

Import is two steps. plan_import() reads and checks every row and says what it would do;
apply_import() writes the whole plan in one transaction through the card services (each
changed card gets a revision), or nothing at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _

from audit import log as audit
from budget_portal import money
from budget_portal.dates import parse_danish_date
from budget_portal.excel import (
    SheetSpec,
    WorkbookError,
    column_name,
    has_control_characters,
    read_sheet,
    write_workbook,
)
from budget_portal.models import BudgetCycle
from budget_portal.numbers import parse_danish_decimal
from proposals.forms import MAX_FTE, NUMBER_RE
from proposals.models import Kind, Proposal, ServiceFrame
from proposals.services import (
    DuplicateNumber,
    StaleEdit,
    YearValues,
    create_proposal,
    revise_proposal,
)

SHEET = "Forslag"
OVERVIEW = "Oversigt"
MAX_TEXT = 20_000
MAX_TITLE = 200


def header_for(cycle: BudgetCycle) -> list[str]:
    columns = ["Nr.", "Titel", "Type", "Udvalg", "Afdeling", "Prisniveau", "Iværksættelse",
               "Serviceramme"]  # fmt: skip
    for year in cycle.year_range:
        columns += [f"Udgifter {year}", f"Indtægter {year}", f"Årsværk {year}"]
    return [*columns, "Baggrund", "Økonomiske konsekvenser"]


# ---------------------------------------------------------------- export


def _amount_cell(kroner: int | None, unit: str) -> Decimal | None:
    return None if kroner is None else Decimal(kroner) / money.UNIT_FACTOR[unit]


def card_row(card: Proposal, cycle: BudgetCycle) -> list[Any]:
    years = {y.year: y for y in card.ordered_years()}
    row: list[Any] = [
        card.number,
        card.title,
        card.get_kind_display(),
        card.committee.name,
        card.department.name,
        card.price_year,
        card.start_date,
        card.get_service_frame_display() if card.service_frame else "",
    ]
    for year in cycle.year_range:
        y = years.get(year)
        row += [
            _amount_cell(y.expenses if y else None, cycle.display_unit),
            _amount_cell(y.revenues if y else None, cycle.display_unit),
            y.fte if y and y.fte is not None else None,
        ]
    return [*row, card.background, card.consequences]


def export_workbook(cycle: BudgetCycle, cards) -> bytes:
    """The cards in the import format, plus an overview of net totals per committee."""
    listed = list(cards.for_listing())
    header = header_for(cycle)
    amount_format = "#,##0.000" if cycle.display_unit == "mio" else "#,##0"
    first_amount = 9
    formats = {}
    for i in range(len(cycle.year_range)):
        formats[first_amount + 3 * i] = amount_format
        formats[first_amount + 3 * i + 1] = amount_format
        formats[first_amount + 3 * i + 2] = "0.00"
    totals = cards.totals(cycle)
    overview_rows = [
        [name, *[_amount_cell(s.net, cycle.display_unit) for s in per_year.values()]]
        for name, per_year in sorted(totals.committees.values())
    ]
    overview_rows.append(
        [_("I alt"), *[_amount_cell(s.net, cycle.display_unit) for s in totals.all.values()]]
    )
    return write_workbook(
        [
            SheetSpec(
                SHEET,
                header,
                (card_row(card, cycle) for card in listed),
                widths={1: 9, 2: 45, 3: 22, 4: 28, 5: 28, len(header) - 1: 60, len(header): 60},
                number_formats=formats,
            ),
            SheetSpec(
                OVERVIEW,
                [
                    _("Netto pr. udvalg (%(u)s)") % {"u": money.UNIT_LABEL[cycle.display_unit]},
                    *[str(y) for y in cycle.year_range],
                ],  # fmt: skip
                overview_rows,
                widths={1: 40},
                number_formats={i + 2: amount_format for i in range(cycle.years)},
            ),
        ]
    )


# ---------------------------------------------------------------- import


@dataclass
class RowPlan:
    row: int
    number: str
    action: str = ""  # "opret", "opdater", "uændret"
    fields: dict = field(default_factory=dict)
    years: dict[int, YearValues] = field(default_factory=dict)
    version: int | None = None
    errors: list[str] = field(default_factory=list)


@dataclass
class ImportPlan:
    cycle: BudgetCycle
    rows: list[RowPlan] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # about the file as a whole

    @property
    def ok(self) -> bool:
        return not self.errors and all(not r.errors for r in self.rows)

    @property
    def error_count(self) -> int:
        return len(self.errors) + sum(len(r.errors) for r in self.rows)

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action and not r.errors)

    @property
    def created_count(self) -> int:
        return self.count("opret")

    @property
    def updated_count(self) -> int:
        return self.count("opdater")

    @property
    def unchanged_count(self) -> int:
        return self.count("uændret")


class _RowReader:
    """Parses one row's cells; each problem is recorded at its column, in Danish."""

    def __init__(self, plan: RowPlan, values: list[Any], header: list[str]):
        self.plan, self.values, self.header = plan, values, header

    def raw(self, index: int) -> Any:
        return self.values[index] if index < len(self.values) else None

    def error(self, index: int, message: str) -> None:
        self.plan.errors.append(
            _("Række %(r)s, %(c)s: %(m)s")
            % {"r": self.plan.row, "c": column_name(index, self.header), "m": message}
        )

    def text(self, index: int, *, required: bool = False, limit: int = MAX_TEXT) -> str:
        value = self.raw(index)
        if value is None:
            text = ""
        elif isinstance(value, datetime | date):
            text = value.strftime("%d.%m.%Y")
        else:
            text = str(value)
        text = text.replace("\r\n", "\n").strip()
        if has_control_characters(text):
            self.error(index, _("teksten indeholder ugyldige kontroltegn."))
        if len(text) > limit:
            self.error(index, _("teksten er for lang (højst %(n)s tegn).") % {"n": limit})
        if required and not text:
            self.error(index, _("skal udfyldes."))
        return text

    def number(self, index: int) -> Decimal | None:
        value = self.raw(index)
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, bool):
            self.error(index, _("skal være et tal."))
            return None
        if isinstance(value, int | float | Decimal):
            try:
                return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
            except InvalidOperation:
                self.error(index, _("skal være et tal."))
                return None
        try:
            return parse_danish_decimal(str(value))
        except ValidationError as exc:
            self.error(index, exc.messages[0])
            return None

    def amount(self, index: int, unit: str) -> int | None:
        number = self.number(index)
        try:
            return money.to_kroner(number, unit)
        except ValidationError as exc:
            self.error(index, exc.messages[0])
            return None

    def fte(self, index: int) -> Decimal | None:
        number = self.number(index)
        if number is None:
            return None
        if number != number.quantize(Decimal("0.01")) or abs(number) >= MAX_FTE:
            self.error(index, _("årsværk skal have højst to decimaler, fx 0,54."))
            return None
        return number

    def date(self, index: int) -> date | None:
        value = self.raw(index)
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        try:
            return parse_danish_date(None if value is None else str(value))
        except ValidationError as exc:
            self.error(index, exc.messages[0])
            return None


def _kind(text: str) -> str | None:
    for value, label in Kind.choices:
        if text.upper() == value or text.lower() == str(label).lower():
            return value
    return None


def _service_frame(text: str) -> tuple[str, str] | None:
    """(value, note) for the flag; the seed writes "Ja", "ja", "Nej" and "Ja/nej"."""
    lowered = text.lower()
    if lowered == "":
        return "", ""
    for value, label in ServiceFrame.choices:
        if value and lowered in (value, str(label).lower()):
            return value, ""
    if lowered in ("ja/nej", "nej/ja"):
        return ServiceFrame.PARTLY, text
    return None


def plan_import(cycle: BudgetCycle, data: bytes, *, user) -> ImportPlan:
    """Read and check every row; nothing is written."""
    plan = ImportPlan(cycle)
    try:
        sheet = read_sheet(data, SHEET)
    except WorkbookError as exc:
        plan.errors.append(str(exc))
        return plan
    expected = header_for(cycle)
    if sheet.header[: len(expected)] != expected:
        missing = [h for h in expected if h not in sheet.header]
        unknown = [h for h in sheet.header if h and h not in expected]
        detail = []
        if missing:
            detail.append(_("mangler: %(c)s") % {"c": ", ".join(missing)})
        if unknown:
            detail.append(_("ukendte: %(c)s") % {"c": ", ".join(unknown)})
        if not detail:
            detail.append(_("kolonnerne står i forkert rækkefølge"))
        plan.errors.append(
            _("Række 1 (overskrifter) passer ikke til skabelonen for %(cycle)s: %(d)s.")
            % {"cycle": cycle.name, "d": "; ".join(detail)}
        )
        return plan
    if not sheet.rows:
        plan.errors.append(_("Arket “%(s)s” har ingen forslag.") % {"s": SHEET})
        return plan

    committees = {c.name.lower(): c for c in cycle.committees.all()}
    departments = {d.name.lower(): d for d in cycle.departments.all()}
    existing = {p.number: p for p in Proposal.objects.filter(cycle=cycle).for_listing()}
    seen: dict[str, int] = {}
    unit = cycle.display_unit
    for row_number, values in sheet.rows:
        row = RowPlan(row=row_number, number="")
        read = _RowReader(row, values, sheet.header)
        number = read.text(0, required=True, limit=12).upper()
        row.number = number
        if number and not NUMBER_RE.match(number):
            read.error(0, _("Nr. skal være bogstaver og cifre, fx T101."))
        if number in seen:
            read.error(
                0, _("Nr. %(n)s står også i række %(r)s.") % {"n": number, "r": seen[number]}
            )
        seen.setdefault(number, row_number)
        title = read.text(1, required=True, limit=MAX_TITLE)
        kind_text = read.text(2, required=True)
        kind = _kind(kind_text)
        if kind_text and kind is None:
            read.error(2, _("ukendt type “%(t)s”.") % {"t": kind_text})
        committee = committees.get(read.text(3, required=True).lower())
        if committee is None and read.text(3):
            read.error(3, _("udvalget findes ikke i %(c)s.") % {"c": cycle.name})
        department = departments.get(read.text(4, required=True).lower())
        if department is None and read.text(4):
            read.error(4, _("afdelingen findes ikke i %(c)s.") % {"c": cycle.name})
        elif department is not None and not user.has_perm("proposals.add_proposal_for", department):
            read.error(4, _("du kan ikke oprette eller rette forslag for denne afdeling."))
        price = read.number(5)
        if (
            price is None
            or price != price.to_integral_value()
            or not (cycle.first_year - 5 <= price <= cycle.last_year)
        ):
            read.error(5, _("prisniveau skal være et årstal, fx %(y)s.") % {"y": cycle.price_year})
        start = read.date(6)
        frame_text = read.text(7)
        frame = _service_frame(frame_text)
        if frame is None:
            read.error(7, _("skriv Ja, Nej eller Delvis (eller lad feltet stå tomt)."))
        for i, year in enumerate(cycle.year_range):
            base = 8 + 3 * i
            row.years[year] = YearValues(
                read.amount(base, unit), read.amount(base + 1, unit), read.fte(base + 2)
            )
        background = read.text(8 + 3 * cycle.years)
        consequences = read.text(9 + 3 * cycle.years)

        card = existing.get(number)
        if card is not None and not user.has_perm("proposals.change_proposal", card):
            read.error(
                0,
                _("kortet %(n)s kan ikke rettes (status: %(s)s).")
                % {"n": number, "s": card.get_status_display()},
            )
        if row.errors:
            plan.rows.append(row)
            continue
        row.fields = {
            "number": number,
            "title": title,
            "kind": kind,
            "committee": committee,
            "department": department,
            "price_year": int(price),
            "start_date": start,
            "service_frame": frame[0],
            "background": background,
            "consequences": consequences,
        }
        if frame[1]:
            row.fields["service_frame_note"] = frame[1]
        if card is None:
            row.action = "opret"
        else:
            row.version = card.version
            row.action = "opdater" if _differs(card, row) else "uændret"
        plan.rows.append(row)
    return plan


def _differs(card: Proposal, row: RowPlan) -> bool:
    if any(getattr(card, name) != value for name, value in row.fields.items()):
        return True
    current = {y.year: YearValues(y.expenses, y.revenues, y.fte) for y in card.ordered_years()}
    return any(current.get(year) != values for year, values in row.years.items())


class ImportRefused(Exception):
    pass


def _row_failure(exc: Exception) -> str:
    if isinstance(exc, DuplicateNumber):
        return _("kortet er oprettet af en anden efter forhåndsvisningen.")
    if isinstance(exc, StaleEdit | Proposal.DoesNotExist):
        return _("kortet er ændret af en anden efter forhåndsvisningen.")
    return _("databasen svarede ikke.")


@transaction.atomic
def apply_import(plan: ImportPlan, *, by) -> tuple[int, int]:
    """Write a checked plan: all rows or none. Returns (created, updated)."""
    if not plan.ok:
        raise ImportRefused(_("Importen har fejl og er ikke gemt."))
    created = updated = 0
    for row in plan.rows:
        try:
            # A savepoint per row, so a failing row can be named; the outer transaction
            # still rolls every earlier row back.
            with transaction.atomic():
                if row.action == "opret":
                    create_proposal(plan.cycle, by=by, fields=row.fields, years=row.years)
                    created += 1
                elif row.action == "opdater":
                    card = Proposal.objects.get(cycle=plan.cycle, number=row.number)
                    if revise_proposal(
                        card, by=by, fields=row.fields, years=row.years,
                        based_on_version=row.version,
                    ):  # fmt: skip
                        updated += 1
        except (DuplicateNumber, StaleEdit, Proposal.DoesNotExist, DatabaseError) as exc:
            raise ImportRefused(
                _("Række %(r)s (%(n)s): %(e)s Intet er gemt; se forhåndsvisningen igen.")
                % {"r": row.row, "n": row.number, "e": _row_failure(exc)}
            ) from exc
    audit.record(
        audit.Action.IMPORTED,
        actor=by,
        target=plan.cycle,
        details={"oprettet": created, "opdateret": updated},
    )
    return created, updated


def template_workbook(cycle: BudgetCycle) -> bytes:
    """An empty "Forslag" sheet, and a guide sheet with the values each column accepts."""
    guide = [
        [_("Nr."), _("Fx T101: typens bogstav, udvalgets ciffer og et løbenummer.")],
        [_("Type"), ", ".join(f"{label} ({value})" for value, label in Kind.choices)],
        [_("Udvalg"), ", ".join(c.name for c in cycle.committees.all())],
        [_("Afdeling"), ", ".join(d.name for d in cycle.departments.all())],
        [_("Prisniveau"), _("Et årstal, fx %(y)s.") % {"y": cycle.price_year}],
        [_("Iværksættelse"), _("En dato, fx 01.01.%(y)s.") % {"y": cycle.first_year}],
        [_("Serviceramme"), _("Ja, Nej, Delvis eller tomt.")],
        [
            _("Beløb"),
            _(
                "I %(u)s; - = mindreudgift/merindtægt og + = merudgift/mindreindtægt. "
                "Tal eller tekst som 2,000. Tomt felt = tallet kendes endnu ikke."
            )
            % {"u": money.UNIT_LABEL[cycle.display_unit]},
        ],
        [_("Årsværk"), _("Højst to decimaler, fx 0,54.")],
    ]
    return write_workbook(
        [
            SheetSpec(SHEET, header_for(cycle), [], widths={2: 45}),
            SheetSpec(
                _("Vejledning"),
                [_("Kolonne"), _("Sådan udfyldes den")],
                guide,
                widths={1: 18, 2: 110},
            ),  # fmt: skip
        ]
    )
