"""Cards in and out of Excel: the sheet "Forslag", validated row by row, applied atomically.

Import is two steps. plan_import() reads and checks every row and says what it would do,
and for a card that exists, what changes (old → new per field and year); apply_import()
writes the whole plan in one transaction through the card services (each changed card
gets a revision), or nothing at all. An upload is parsed once (store_upload): the preview
and the import plan from the sheet stored on its ExcelImport, never from the file again.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import partial
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from audit import log as audit
from budget_portal import money
from budget_portal.concurrency import StaleEdit
from budget_portal.excel import (
    Sheet,
    SheetSpec,
    WorkbookError,
    column_name,
    has_control_characters,
    read_sheet,
    write_workbook,
)
from budget_portal.figures import YearValues, net_of
from budget_portal.models import BudgetCycle
from proposals.forms import ProposalForm
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
MAX_TEXT = 20_000  # background and consequences; the card form has no limit for them


# The template's columns by header, each with the card form field it fills; the years'
# columns come between these, three a year.
_CARD_COLUMNS = {
    "Nr.": "number",
    "Titel": "title",
    "Type": "kind",
    "Udvalg": "committee",
    "Afdeling": "department",
    "Prisniveau": "price_year",
    "Iværksættelse": "start_date",
    "Serviceramme": "service_frame",
}
_TEXT_COLUMNS = {"Baggrund": "background", "Økonomiske konsekvenser": "consequences"}
# The card fields an import writes; the others (notes, status) stay as the card has them.
SHEET_FIELDS = (*_CARD_COLUMNS.values(), *_TEXT_COLUMNS.values())


def columns_for(cycle: BudgetCycle) -> dict[str, str]:
    """The template's header, in order, each with the card form field it fills."""
    columns = dict(_CARD_COLUMNS)
    for year in cycle.year_range:
        columns[f"Udgifter {year}"] = f"expenses_{year}"
        columns[f"Indtægter {year}"] = f"revenues_{year}"
        columns[f"Årsværk {year}"] = f"fte_{year}"
    return columns | _TEXT_COLUMNS


def header_for(cycle: BudgetCycle) -> list[str]:
    return list(columns_for(cycle))


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


class _RowForm(ProposalForm):
    """The card form, checking the rows of a sheet one after another: the card page's
    fields, choices, rules and wording. Its fields do not depend on the card, so one form
    serves the whole sheet and each row binds its data and its card to it (building the
    form takes twice as long as checking a row). The choices and the cycle's numbers are
    read once, not queried again for every row."""

    def __init__(self, *, cycle: BudgetCycle, user, numbers: dict[str, int]):
        super().__init__({}, cycle=cycle, user=user)
        self.numbers = numbers  # the cycle's card numbers → pk
        for name in ("committee", "department"):
            choice = self.fields[name]
            objects = {str(obj.pk): obj for obj in choice.queryset}  # this user's choices
            choice.to_python = partial(_chosen, choice, objects)

    def check(self, data: dict[str, Any], card: Proposal | None) -> None:
        """Bind DATA, as posted on CARD's edit page (or the new card page), and clean it."""
        self.data = data
        self.instance = copy.copy(card) if card else Proposal()  # cleaning writes on it
        self._errors = None  # bound fields read self.data as they clean: they can stay
        self.full_clean()

    def number_taken(self, number: str) -> bool:
        return self.numbers.get(number) not in (None, self.instance.pk)

    def _get_validation_exclusions(self) -> set[str]:
        # The choice fields found committee and department among the choices just read;
        # the model's foreign key check would ask the database again, twice a row.
        return super()._get_validation_exclusions() | {"committee", "department"}


def _chosen(field: forms.ModelChoiceField, objects: dict[str, Any], value: Any) -> Any:
    """ModelChoiceField.to_python over the choices read once."""
    if value in field.empty_values:
        return None
    try:
        return objects[str(value)]
    except KeyError:
        raise ValidationError(
            field.error_messages["invalid_choice"],
            code="invalid_choice",
            params={"value": value},
        ) from None


class _Row:
    """One row of the sheet, its cells by card form field, and its errors at their column."""

    def __init__(self, number: int, values: list[Any], columns: dict[str, int], header):
        self.number, self.values, self.columns, self.header = number, values, columns, header
        self.errors: list[tuple[int, str]] = []  # (column index, message)

    def raw(self, name: str) -> Any:
        index = self.columns[name]
        return self.values[index] if index < len(self.values) else None

    def text(self, name: str) -> str:
        """The cell as the card form's text input would hold it; raw control characters
        (which no keyboard types) are refused here, at the cell."""
        text = _cell_text(self.raw(name)).replace("\r\n", "\n").strip()
        if has_control_characters(text):
            self.error(name, _("teksten indeholder ugyldige kontroltegn."))
        return text

    def error(self, name: str | None, message: str) -> None:
        self.errors.append((-1 if name is None else self.columns[name], message))

    def messages(self) -> list[str]:
        """Every error, left to right: "Række 3, kolonne L (Udgifter 2027): …"."""
        shown = []
        for index, message in sorted(self.errors, key=lambda e: e[0]):
            if index < 0:
                shown.append(_("Række %(r)s: %(m)s") % {"r": self.number, "m": message})
            else:
                shown.append(
                    _("Række %(r)s, %(c)s: %(m)s")
                    % {"r": self.number, "c": column_name(index, self.header), "m": message}
                )
        return shown


def _cell_text(value: Any) -> str:
    """A cell as typed text: numbers in Danish without rounding, dates as 01.01.2026."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)  # not a number: the number fields say so
    if isinstance(value, datetime | date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, float | int | Decimal):
        text = format(Decimal(repr(value)) if isinstance(value, float) else Decimal(value), "f")
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return text.replace(".", ",")
    return str(value)


def _kinds() -> dict[str, str]:
    """The type's value by its letter or its name, in lower case."""
    kinds = {value.lower(): value for value in Kind.values}
    return kinds | {str(label).lower(): value for value, label in Kind.choices}


# Seed cards write "Ja/nej" for partly; the card keeps that wording as its note.
_PARTLY_WORDS = ("ja/nej", "nej/ja")


def _service_frames() -> dict[str, str]:
    """The flag's value by its value or its label, in lower case ("Ja", "ja", "Nej")."""
    frames = {value: value for value, _label in ServiceFrame.choices if value}
    frames |= {str(label).lower(): value for value, label in ServiceFrame.choices if value}
    return frames | dict.fromkeys(_PARTLY_WORDS, ServiceFrame.PARTLY)


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


def _header_problem(cycle: BudgetCycle, header: list[str]) -> str | None:
    """What is wrong with the header row, all in one message; columns may come in any order."""
    expected = columns_for(cycle)
    named = [h for h in header if h]
    detail = []
    missing = [h for h in expected if h not in named]
    if missing:
        detail.append(_("mangler: %(c)s") % {"c": ", ".join(missing)})
    unknown = [h for h in named if h not in expected]
    if unknown:
        detail.append(_("ukendte: %(c)s") % {"c": ", ".join(unknown)})
    twice = sorted({h for h in named if named.count(h) > 1}, key=named.index)
    if twice:
        detail.append(_("står flere gange: %(c)s") % {"c": ", ".join(twice)})
    if not detail:
        return None
    return _("Række 1 (overskrifter) passer ikke til skabelonen for %(cycle)s: %(d)s.") % {
        "cycle": cycle.name,
        "d": "; ".join(detail),
    }


def plan_sheet(cycle: BudgetCycle, sheet: Sheet, *, user) -> ImportPlan:
    """Check every row of SHEET through the card form, against the cycle and its cards;
    nothing is written."""
    plan = ImportPlan(cycle)
    problem = _header_problem(cycle, sheet.header)
    if problem:
        plan.errors.append(problem)
        return plan
    if not sheet.rows:
        plan.errors.append(_("Arket “%(s)s” har ingen forslag.") % {"s": SHEET})
        return plan
    columns = {name: sheet.header.index(h) for h, name in columns_for(cycle).items()}
    checker = _RowChecker(cycle, user, columns, sheet.header)
    plan.rows = [checker.plan(number, values) for number, values in sheet.rows]
    return plan


class _RowChecker:
    """Plans the rows of one sheet: each through the card form, as the card page would."""

    def __init__(self, cycle: BudgetCycle, user, columns: dict[str, int], header: list[str]):
        self.cycle, self.user, self.columns, self.header = cycle, user, columns, header
        self.cards = {p.number: p for p in Proposal.objects.filter(cycle=cycle).for_listing()}
        self.form = _RowForm(
            cycle=cycle, user=user, numbers={n: p.pk for n, p in self.cards.items()}
        )
        # The sheet names committees and departments; the form takes their keys.
        self.committees = {c.name.lower(): str(c.pk) for c in cycle.committees.all()}
        self.departments = {d.name.lower(): str(d.pk) for d in cycle.departments.all()}
        self.kinds, self.frames = _kinds(), _service_frames()
        self.seen: dict[str, int] = {}

    def plan(self, number: int, values: list[Any]) -> RowPlan:
        row = _Row(number, values, self.columns, self.header)
        texts = {name: row.text(name) for name in self.columns}
        plan = RowPlan(
            row=number,
            number=texts["number"].upper(),
            title=texts["title"],
            committee=texts["committee"],
        )
        card = self.cards.get(plan.number)
        self.check_sheet_rules(row, plan.number, card)
        data = self.form_data(row, texts)
        note_in_sheet = "service_frame_note" in data
        if card is not None:  # what the sheet does not hold stays as the card has it
            data.setdefault("service_frame_note", card.service_frame_note)
            data |= {"pending_note": card.pending_note, "version": card.version}
        form = self.form
        form.check(data, card)
        for name, messages in form.errors.items():
            for message in messages:
                row.error(None if name == NON_FIELD_ERRORS else name, message)
        cleaned = form.cleaned_data
        unit = self.cycle.display_unit
        for year in self.cycle.year_range:
            values = YearValues(*(cleaned.get(f"{name}_{year}") for name in YEAR_FIELDS))
            plan.years[year] = values
            plan.shown_years.append(YearShown(year, _net_shown(values, unit)))
        plan.errors = row.messages()
        if plan.errors:
            return plan
        plan.fields = {name: cleaned[name] for name in SHEET_FIELDS}
        if note_in_sheet:
            plan.fields["service_frame_note"] = cleaned["service_frame_note"]
        if card is None:
            plan.action = "opret"
        else:
            plan.version = card.version
            plan.changes = _changes(card, plan, unit)
            plan.action = "opdater" if plan.changes else "uændret"
        return plan

    def form_data(self, row: _Row, texts: dict[str, str]) -> dict[str, Any]:
        """The row as the card page would post it: keys for names, values for labels."""
        data = dict(texts)
        for name in ("background", "consequences"):
            if len(data[name]) > MAX_TEXT:
                row.error(name, _("teksten er for lang (højst %(n)s tegn).") % {"n": MAX_TEXT})
        # Labels become the values the form's selects post; what is unknown goes to the form
        # as written, for the form to refuse.
        data["kind"] = self.kinds.get(data["kind"].lower(), data["kind"])
        data["committee"] = self.committees.get(data["committee"].lower(), data["committee"])
        data["department"] = self.departments.get(data["department"].lower(), data["department"])
        written = data["service_frame"]
        data["service_frame"] = self.frames.get(written.lower(), written)
        if written.lower() in _PARTLY_WORDS:
            data["service_frame_note"] = written
        return data

    def check_sheet_rules(self, row: _Row, number: str, card: Proposal | None) -> None:
        """What only a sheet can get wrong: a number twice, a card one may not change."""
        if number and number in self.seen:
            row.error(
                "number",
                _("Nr. %(n)s står også i række %(r)s.") % {"n": number, "r": self.seen[number]},
            )
        self.seen.setdefault(number, row.number)
        if card is not None and not self.user.has_perm("proposals.change_proposal", card):
            row.error(
                "number",
                _("kortet %(n)s kan ikke rettes (status: %(s)s).")
                % {"n": number, "s": card.get_status_display()},
            )


def _net_shown(values: YearValues, unit: str) -> str:
    net = net_of(values.expenses, values.revenues)
    return _("afventer") if net is None else money.in_unit(net, unit)


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


class AlreadyApplied(ImportRefused):
    def __init__(self) -> None:
        super().__init__(_("Filen er allerede importeret."))


@transaction.atomic
def apply_upload(record: ExcelImport, plan: ImportPlan, *, by) -> tuple[int, int]:
    """Import the checked plan of an uploaded file and mark the upload done, both in one
    transaction: a failure leaves no card written and the upload not done, so it can be
    previewed and imported again. An upload is imported once. Returns (created, updated)."""
    locked = ExcelImport.objects.select_for_update().get(pk=record.pk)
    if locked.applied_at:
        raise AlreadyApplied
    created, updated = apply_import(plan, by=by)
    locked.applied_at = timezone.now()
    locked.summary = _("%(c)s oprettet, %(u)s opdateret") % {"c": created, "u": updated}
    try:
        with transaction.atomic():
            locked.save(update_fields=["applied_at", "summary"])
    except DatabaseError as exc:
        raise ImportRefused(
            _("Databasen svarede ikke. Intet er gemt; se forhåndsvisningen igen.")
        ) from exc
    record.applied_at, record.summary = locked.applied_at, locked.summary
    return created, updated


def template_workbook(cycle: BudgetCycle) -> bytes:
    """An empty "Forslag" sheet, and a guide sheet with the values each column accepts."""
    guide = [
        [
            _("Overskrifter"),
            _("Række 1 har skabelonens overskrifter, alle og kun dem; rækkefølgen er fri."),
        ],
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
