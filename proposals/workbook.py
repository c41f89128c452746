"""Cards in and out of Excel: the sheet "Forslag", validated row by row, applied atomically.

Import is two steps. plan_import() reads and checks every row and says what it would do,
and for a card that exists, what changes (old → new per field and year); apply_import()
writes the whole plan in one transaction through the card services (each changed card
gets a revision), or nothing at all. An upload is parsed once (store_upload): the preview
and the import plan from the sheet stored on its ExcelImport, never from the file again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from audit import log as audit
from budget_portal import money
from budget_portal.concurrency import StaleEdit
from budget_portal.dates import parse_danish_date
from budget_portal.excel import (
    Sheet,
    SheetSpec,
    WorkbookError,
    column_name,
    has_control_characters,
    read_sheet,
    write_workbook,
)
from budget_portal.fields import MAX_FTE
from budget_portal.figures import YearValues
from budget_portal.models import BudgetCycle
from budget_portal.numbers import parse_danish_decimal
from proposals.forms import NUMBER_RE
from proposals.models import ExcelImport, Kind, Proposal, ServiceFrame
from proposals.revisions import YEAR_FIELDS, field_label, year_label
from proposals.services import (
    CardWrite,
    CardWriteFailed,
    DuplicateNumber,
    write_cards,
)

SHEET = "Forslag"
OVERVIEW = "Oversigt"
MAX_TEXT = 20_000
MAX_TITLE = 200


def header_for(cycle: BudgetCycle) -> list[str]:
    columns = [
        "Nr.",
        "Titel",
        "Type",
        "Udvalg",
        "Afdeling",
        "Prisniveau",
        "Iværksættelse",
        "Serviceramme",
    ]
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
                ],
                overview_rows,
                widths={1: 40},
                number_formats={i + 2: amount_format for i in range(cycle.years)},
            ),
        ]
    )


# ---------------------------------------------------------------- import


@dataclass(frozen=True)
class Change:
    """One field or year of an existing card that the import changes, as shown."""

    label: str
    old: str
    new: str


@dataclass(frozen=True)
class YearShown:
    year: int
    net: str  # in the cycle's unit, Danish; "afventer" while a figure is unknown


@dataclass
class RowPlan:
    row: int
    number: str
    action: str = ""  # "opret", "opdater", "uændret"
    fields: dict = field(default_factory=dict)
    years: dict[int, YearValues] = field(default_factory=dict)
    version: int | None = None
    errors: list[str] = field(default_factory=list)
    title: str = ""
    committee: str = ""
    shown_years: list[YearShown] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)

    @property
    def is_new(self) -> bool:
        return self.action == "opret" and not self.errors


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
    """Read and check every row of the file DATA; nothing is written."""
    try:
        sheet = read_sheet(data, SHEET)
    except WorkbookError as exc:
        return ImportPlan(cycle, errors=[str(exc)])
    return plan_sheet(cycle, sheet, user=user)


def plan_upload(record: ExcelImport, *, user) -> ImportPlan:
    """The plan for an uploaded file, from its stored sheet; nothing is written."""
    try:
        sheet = sheet_of(record)
    except WorkbookError as exc:
        return ImportPlan(record.cycle, errors=[str(exc)])
    return plan_sheet(record.cycle, sheet, user=user)


def plan_sheet(cycle: BudgetCycle, sheet: Sheet, *, user) -> ImportPlan:
    """Check every row of SHEET against the cycle and its cards; nothing is written."""
    plan = ImportPlan(cycle)
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
        row.title = title
        kind_text = read.text(2, required=True)
        kind = _kind(kind_text)
        if kind_text and kind is None:
            read.error(2, _("ukendt type “%(t)s”.") % {"t": kind_text})
        row.committee = read.text(3)
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
            row.shown_years.append(YearShown(year, _net_shown(row.years[year], unit)))
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
            row.changes = _changes(card, row, unit)
            row.action = "opdater" if row.changes else "uændret"
        plan.rows.append(row)
    return plan


def _net_shown(values: YearValues, unit: str) -> str:
    if values.expenses is None or values.revenues is None:
        return _("afventer")
    return money.in_unit(values.expenses + values.revenues, unit)


def _shown(name: str, value: Any, unit: str) -> str:
    """A value as the preview shows it; amounts exact, so no change hides in the rounding."""
    if value is None or value == "":
        return "–"
    if name in ("expenses", "revenues"):
        return money.kroner_input(value, unit)
    if name == "fte":
        return money.format_fte(value)
    if name == "kind":
        return str(Kind(value).label)
    if name == "service_frame":
        return str(ServiceFrame(value).label)
    if name == "start_date":
        return date_format(value, "j. F Y")
    if name in ("committee", "department"):
        return value.name
    return Truncator(str(value)).chars(120)


def _changes(card: Proposal, row: RowPlan, unit: str) -> list[Change]:
    """What the row changes on CARD, field by field and year by year, old → new."""
    changes = [
        Change(
            field_label(name), _shown(name, getattr(card, name), unit), _shown(name, value, unit)
        )
        for name, value in row.fields.items()
        if getattr(card, name) != value
    ]
    current = {y.year: YearValues(y.expenses, y.revenues, y.fte) for y in card.ordered_years()}
    unknown = YearValues(None, None, None)
    for name in YEAR_FIELDS:
        for year, values in row.years.items():
            before = getattr(current.get(year, unknown), name)
            after = getattr(values, name)
            if before != after:
                label = year_label(name, str(year))
                changes.append(Change(label, _shown(name, before, unit), _shown(name, after, unit)))
    return changes


# ---------------------------------------------------------------- the upload, parsed once


def _cell_to_json(value: Any) -> Any:
    if value is None or isinstance(value, str | bool | int):
        return value
    if isinstance(value, float):
        return {"float": repr(value)}  # repr round-trips exactly
    if isinstance(value, datetime):
        return {"datetime": value.isoformat()}
    if isinstance(value, date):
        return {"date": value.isoformat()}
    return str(value)  # times and durations: read as text, as the row reader would


def _cell_from_json(value: Any) -> Any:
    if isinstance(value, dict):
        if "float" in value:
            return float(value["float"])
        if "datetime" in value:
            return datetime.fromisoformat(value["datetime"])
        if "date" in value:
            return date.fromisoformat(value["date"])
    return value


def sheet_to_json(sheet: Sheet) -> dict:
    return {
        "header": sheet.header,
        "rows": [[number, [_cell_to_json(v) for v in values]] for number, values in sheet.rows],
    }


def sheet_from_json(data: dict) -> Sheet:
    return Sheet(
        header=list(data["header"]),
        rows=[(number, [_cell_from_json(v) for v in values]) for number, values in data["rows"]],
    )


def store_upload(cycle: BudgetCycle, upload, *, by) -> ExcelImport:
    """Parse an uploaded workbook and keep it with its sheet; a file that cannot be read
    raises WorkbookError (a Danish message for the field) and nothing is stored."""
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    sheet = read_sheet(data, SHEET)
    return ExcelImport.objects.create(
        cycle=cycle,
        uploaded_by=by,
        file=upload,
        filename=upload.name[:200],
        sheet=sheet_to_json(sheet),
    )


def sheet_of(record: ExcelImport) -> Sheet:
    """The record's sheet; the file is read at most once (uploads stored before the sheet
    was kept), and a failure is kept too, so a bad file is never parsed again."""
    if record.sheet is None and not record.failure:
        try:
            with record.file.open("rb") as fh:
                record.sheet = sheet_to_json(read_sheet(fh.read(), SHEET))
        except WorkbookError as exc:
            record.failure = str(exc)
        except OSError:
            record.failure = _("Filen findes ikke længere. Upload den igen.")
        record.save(update_fields=["sheet", "failure"])
    if record.failure:
        raise WorkbookError(record.failure)
    return sheet_from_json(record.sheet)


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
    writes = [
        CardWrite(
            key=row,
            number=row.number,
            fields=row.fields,
            years=row.years,
            version=None if row.action == "opret" else row.version,
        )
        for row in plan.rows
        if row.action in ("opret", "opdater")
    ]
    try:
        # Every row is checked again (taken numbers, changed cards, permissions) before
        # one bulk write; the outer transaction rolls everything back on any failure.
        created, updated = write_cards(plan.cycle, writes, by=by)
    except CardWriteFailed as exc:
        row = exc.card.key
        raise ImportRefused(
            _("Række %(r)s (%(n)s): %(e)s Intet er gemt; se forhåndsvisningen igen.")
            % {"r": row.row, "n": row.number, "e": _row_failure(exc.cause)}
        ) from exc
    except DatabaseError as exc:
        raise ImportRefused(
            _("Databasen svarede ikke. Intet er gemt; se forhåndsvisningen igen.")
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
            ),
        ]
    )
