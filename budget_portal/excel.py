"""Excel plumbing (openpyxl, with defusedxml active): safe reading and safe writing.

Reading refuses what is not a plain .xlsx before openpyxl parses anything: other formats,
encrypted files, zip bombs, macro-enabled workbooks whatever their name (judged by the
package's parts and content types), and sheets beyond the row and column caps. A sheet
whose XML does not parse (raw control characters, say) is a Danish refusal, never a crash.
Writing stores every text as text (never a formula), so a title like "=HYPERLINK(...)"
stays harmless.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from defusedxml import ElementTree as SafeET
from django.utils.translation import gettext as _

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 60 * 1024 * 1024
MAX_COMPRESSION_RATIO = 150
MAX_ROWS = 5_000
MAX_COLUMNS = 120
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and encrypted .xlsx
_CONTENT_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
WORKBOOK_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
# Main parts of the other workbook kinds (.xlsm, .xltx, .xltm, .xlsb, .xlam): openpyxl
# would open several of them, so each is refused by its type, not by the file's name.
_OTHER_WORKBOOK_TYPES = (
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
    "application/vnd.ms-excel.template.macroEnabled.main+xml",
    "application/vnd.ms-excel.sheet.binary.macroEnabled.main",
    "application/vnd.ms-excel.addin.macroEnabled.main+xml",
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# A cell starting with one of these is run as a formula by spreadsheets (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _openpyxl():
    """openpyxl, imported when a workbook is first read or written (not at process start:
    it is a third of a second), and only with defusedxml active."""
    import openpyxl

    if not openpyxl.xml.DEFUSEDXML:  # pragma: no cover - a dependency
        raise ImportError("defusedxml must be installed: openpyxl would parse XML unguarded")
    return openpyxl


class WorkbookError(ValueError):
    """The file as a whole cannot be read; the message is for the person who uploaded it."""


@dataclass(frozen=True)
class Sheet:
    header: list[str]
    rows: list[tuple[int, list[Any]]]  # (row number in Excel, cell values)


def check_xlsx(data: bytes) -> None:
    if len(data) > MAX_UPLOAD_BYTES:
        raise WorkbookError(
            _("Filen er for stor (højst %(mb)s MB).") % {"mb": MAX_UPLOAD_BYTES // 1024 // 1024}
        )
    if data.startswith(_OLE_MAGIC):
        raise WorkbookError(
            _(
                "Filen er krypteret eller i det gamle .xls-format. "
                "Gem den som .xlsx uden adgangskode."
            )
        )
    if not data.startswith(b"PK\x03\x04"):
        raise WorkbookError(_("Filen er ikke en Excel-fil (.xlsx)."))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            names = {m.filename for m in members}
            total = sum(m.file_size for m in members)
            for m in members:
                if m.compress_size and m.file_size / m.compress_size > MAX_COMPRESSION_RATIO:
                    raise WorkbookError(_("Filen er pakket mistænkeligt tæt og afvises."))
            if total > MAX_UNCOMPRESSED_BYTES:
                raise WorkbookError(_("Filen fylder for meget, når den pakkes ud."))
            if "[Content_Types].xml" not in names:
                raise WorkbookError(_("Filen er ikke en Excel-projektmappe (.xlsx)."))
            content_types = _content_types(archive.read("[Content_Types].xml"))
    # Reading a member can also fail inside zlib, or on zip encryption or unknown methods.
    except (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError, NotImplementedError) as exc:
        raise WorkbookError(_("Filen er ikke en gyldig .xlsx-fil (beskadiget zip).")) from exc
    lowered = {name.lower() for name in names}
    if any(name.endswith("vbaproject.bin") for name in lowered) or any(
        "macroenabled" in t.lower() or "vbaproject" in t.lower() for t in content_types
    ):
        raise WorkbookError(
            _(
                "Filen indeholder makroer (en .xlsm-projektmappe) og afvises. "
                "Gem den som almindelig Excel-projektmappe (.xlsx)."
            )
        )
    if WORKBOOK_TYPE not in content_types or any(t in content_types for t in _OTHER_WORKBOOK_TYPES):
        raise WorkbookError(_("Filen er ikke en Excel-projektmappe (.xlsx)."))


def _content_types(xml: bytes) -> set[str]:
    """Every content type [Content_Types].xml declares, for defaults and named parts."""
    try:
        root = SafeET.fromstring(xml)
    except Exception as exc:  # defusedxml refuses entities; broken XML is as bad
        raise WorkbookError(_("Filen er ikke en Excel-projektmappe (.xlsx).")) from exc
    return {
        element.get("ContentType", "")
        for element in root
        if element.tag in (f"{_CONTENT_TYPES}Default", f"{_CONTENT_TYPES}Override")
    }


def read_sheet(data: bytes, sheet_name: str) -> Sheet:
    """The header and rows of SHEET_NAME; trailing empty rows are dropped."""
    check_xlsx(data)
    try:
        return _read_sheet(data, sheet_name)
    except WorkbookError:
        raise
    except Exception as exc:  # openpyxl and its XML parser raise many kinds for broken files
        raise WorkbookError(
            _(
                "Filen kunne ikke læses som Excel: den er beskadiget eller indeholder ugyldige "
                "tegn (fx kontroltegn i et ark). Gem den igen fra Excel, og prøv en gang til."
            )
        ) from exc


def _read_sheet(data: bytes, sheet_name: str) -> Sheet:
    # read_only parses each sheet's XML lazily, while the rows are iterated, so the whole
    # read is inside read_sheet's guard, not only load_workbook.
    workbook = _openpyxl().load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        if sheet_name not in workbook.sheetnames:
            raise WorkbookError(
                _("Arket “%(name)s” mangler i filen (fandt: %(found)s).")
                % {"name": sheet_name, "found": ", ".join(workbook.sheetnames)}
            )
        sheet = workbook[sheet_name]
        rows: list[tuple[int, list[Any]]] = []
        header: list[str] | None = None
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            if len(values) > MAX_COLUMNS:
                if any(v is not None for v in values[MAX_COLUMNS:]):
                    raise WorkbookError(_("Arket har for mange kolonner."))
                values = values[:MAX_COLUMNS]
            if header is None:
                header = [("" if v is None else str(v)).strip() for v in values]
                continue
            if number > MAX_ROWS + 1:
                if any(v not in (None, "") for v in values):
                    raise WorkbookError(
                        _("Arket har mere end %(n)s rækker; del det op.") % {"n": MAX_ROWS}
                    )
                continue
            rows.append((number, list(values)))
    finally:
        workbook.close()
    while rows and all(v in (None, "") for v in rows[-1][1]):
        rows.pop()
    rows = [(n, v) for n, v in rows if any(x not in (None, "") for x in v)]
    return Sheet(header=header or [], rows=rows)


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_PREFIXES)


def has_control_characters(text: str) -> bool:
    return bool(_CONTROL.search(text))


def _cell_value(value: Any) -> Any:
    if isinstance(value, str):
        return _CONTROL.sub("", value)
    return value


@dataclass
class SheetSpec:
    title: str
    header: list[str]
    rows: Iterable[list[Any]]
    widths: dict[int, int] | None = None
    number_formats: dict[int, str] | None = None


def write_workbook(sheets: Iterable[SheetSpec]) -> bytes:
    """An .xlsx of SHEETS; text cells are always stored as text, never as formulas."""
    openpyxl = _openpyxl()
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for spec in sheets:
        ws = workbook.create_sheet(spec.title)
        ws.append(spec.header)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "B2"
        for values in spec.rows:
            ws.append([_cell_value(v) for v in values])
            for cell in ws[ws.max_row]:
                if isinstance(cell.value, str):
                    cell.data_type = "s"
                    if looks_like_formula(cell.value):
                        cell.quotePrefix = True
                elif isinstance(cell.value, date | datetime):
                    cell.number_format = "DD.MM.YYYY"
        for index, fmt in (spec.number_formats or {}).items():
            for (cell,) in ws.iter_rows(min_col=index, max_col=index, min_row=2):
                if isinstance(cell.value, int | Decimal | float):
                    cell.number_format = fmt
        for index, width in (spec.widths or {}).items():
            ws.column_dimensions[get_column_letter(index)].width = width
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def column_name(index: int, header: list[str]) -> str:
    """How a row error names its column: "kolonne C (Type)"."""
    from openpyxl.utils import get_column_letter

    label = header[index] if index < len(header) else ""
    letter = get_column_letter(index + 1)
    return (
        _("kolonne %(l)s (%(h)s)") % {"l": letter, "h": label}
        if label
        else _("kolonne %(l)s") % {"l": letter}
    )
