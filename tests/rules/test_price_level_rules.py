"""Rules of one price level (budget_portal/price_level.py) that the pages show only in part:
what an index or a year in a price table may be, what a row's error says and where, what the
export writes, and how a page's totals say which prices they are in."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from decimal import Decimal
from types import SimpleNamespace

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from budget_portal.excel import Sheet
from budget_portal.price_level import (
    COMMON,
    FactorRow,
    MissingYears,
    PriceToggle,
    _parse_date,
    parse_index,
    parse_year,
    price_note,
    price_phrase,
    replace_price_table,
    rows_from_sheet,
    table_workbook,
)

HEADER = ["År", "Indeks", "Kilde", "Dato"]


def message(call, value) -> str:
    with pytest.raises(ValidationError) as caught:
        call(value)
    return " ".join(caught.value.messages)


# --- an index ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, index",
    [
        ("102,3", Decimal("102.3")),
        (102.3, Decimal("102.3")),  # the float Excel showed, not its binary expansion
        (100, Decimal("100")),
        (Decimal("99999.9999"), Decimal("99999.9999")),
        ("0,0001", Decimal("0.0001")),
    ],
)
def test_rule_an_index_is_a_positive_number_as_typed_or_as_a_cell(value, index):
    assert parse_index(value) == index


@pytest.mark.parametrize(
    "value, text",
    [
        (True, "Indekset skal være et tal, fx 102,3."),
        ("", "Skriv indekset, fx 102,3."),
        (0, "Indekset skal være et positivt tal, fx 100 eller 102,3."),
        ("-1", "Indekset skal være et positivt tal, fx 100 eller 102,3."),
        (100_000, "Indekset skal være et positivt tal, fx 100 eller 102,3."),
        ("102,12345", "Indekset kan højst have fire decimaler."),
    ],
)
def test_rule_an_index_that_is_no_positive_number_with_four_decimals_is_refused(value, text):
    assert message(parse_index, value) == text


# --- a year --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, year", [(2026, 2026), (2026.0, 2026), (" 2026 ", 2026), (1990, 1990), ("2100", 2100)]
)
def test_rule_a_year_is_a_whole_year_from_1990_to_2100(value, year):
    assert parse_year(value) == year


@pytest.mark.parametrize("value", [1989, 2101, "20x6", 2026.5, "-2026"])
def test_rule_a_year_outside_1990_to_2100_is_refused_and_named(value):
    assert message(parse_year, value) == f"“{value}” er ikke et år mellem 1990 og 2100."


def test_rule_a_date_cell_is_its_day_and_a_typed_date_is_read_the_danish_way():
    assert _parse_date(datetime(2025, 6, 15, 13, 30, tzinfo=UTC)) == date(2025, 6, 15)
    assert _parse_date(date(2025, 6, 15)) == date(2025, 6, 15)
    assert _parse_date("15.06.2025") == date(2025, 6, 15)


# --- a sheet of the table ------------------------------------------------------------------


def test_rule_a_sheet_gives_one_row_per_year_with_its_columns_found_by_heading():
    sheet = Sheet(
        header=["kilde", "DATO", "Noter", "indeks", "år"],
        rows=[(2, ["  KL juni 2025 ", "15.06.2025", "ignoreret", "102,3", 2026])],
    )
    rows, errors = rows_from_sheet(sheet)
    assert errors == []
    assert rows == [FactorRow(2026, Decimal("102.3"), "KL juni 2025", date(2025, 6, 15))]


def test_rule_missing_columns_are_named_in_the_order_of_the_template():
    rows, errors = rows_from_sheet(Sheet(header=["Dato", "Faktor", "År"], rows=[(2, [1, 2, 3])]))
    assert rows == []
    assert errors == [
        "Arket “Prisindeks” mangler kolonnen/kolonnerne “Indeks”, “Kilde” i første række."
    ]


def test_rule_every_empty_or_bad_field_is_named_by_row_and_column_and_the_row_is_left_out():
    sheet = Sheet(
        header=HEADER,
        rows=[
            (2, [2025, "  ", "KL"]),  # blank index, no date cell at all
            (3, [2026, "1,00001", "KL", "15.06.2025"]),
            (4, [2027, 104, "KL", "15.06.2025"]),
        ],
    )
    rows, errors = rows_from_sheet(sheet)
    assert errors == [
        "Række 2, kolonne B (Indeks): feltet er tomt.",
        "Række 2, kolonne D (Dato): feltet er tomt.",
        "Række 3, kolonne B (Indeks): Indekset kan højst have fire decimaler.",
    ]
    assert [r.year for r in rows] == [2027]


def test_rule_a_source_may_be_200_characters_and_no_more():
    sheet = Sheet(
        header=HEADER,
        rows=[
            (2, [2025, 100, "k" * 200, "1.1.2025"]),
            (3, [2026, 101, "k" * 201, "1.1.2025"]),
            (4, [2027, 102, "KL", "1.1.2025"]),  # read on after the long one
        ],
    )
    rows, errors = rows_from_sheet(sheet)
    assert [r.year for r in rows] == [2025, 2027]
    assert errors == ["Række 3: kilden er for lang (højst 200 tegn)."]


def test_rule_a_year_twice_is_refused_at_the_second_row_naming_the_first():
    sheet = Sheet(
        header=HEADER,
        rows=[
            (2, [2025, 100, "KL", "1.1.2025"]),
            (3, [2026, 101, "KL", "1.1.2025"]),
            (5, [2025, 102, "KL", "1.1.2025"]),
        ],
    )
    rows, errors = rows_from_sheet(sheet)
    assert [(r.year, r.index) for r in rows] == [(2025, 100), (2026, 101)]
    assert errors == ["Række 5: år 2025 står også i række 2."]


def test_rule_a_sheet_with_headings_only_is_explained():
    assert rows_from_sheet(Sheet(header=HEADER, rows=[])) == (
        [],
        ["Arket “Prisindeks” har ingen rækker under overskrifterne."],
    )


# --- the export ----------------------------------------------------------------------------


def test_rule_the_export_is_the_import_format_with_readable_columns(cycle, finance):
    replace_price_table(
        cycle,
        [
            FactorRow(2026, Decimal("102.3"), "KL juni 2025", date(2025, 6, 15)),
            FactorRow(2025, Decimal("100"), "KL juni 2025", date(2025, 6, 15)),
        ],
        by=finance,
        action="Rettet",
    )
    sheet = openpyxl.load_workbook(io.BytesIO(table_workbook(cycle)))["Prisindeks"]
    header, *cells = sheet.iter_rows(values_only=True)
    assert header == tuple(HEADER)
    assert [(y, i, s, d.date()) for y, i, s, d in cells] == [
        (2025, 100, "KL juni 2025", date(2025, 6, 15)),
        (2026, 102.3, "KL juni 2025", date(2025, 6, 15)),
    ]
    assert sheet["B3"].number_format == "0.0###"
    assert (sheet.column_dimensions["C"].width, sheet.column_dimensions["D"].width) == (40, 14)
    # Read back, the export is the same table.
    rows, errors = rows_from_sheet(
        Sheet(header=HEADER, rows=list(enumerate(sheet.iter_rows(min_row=2, values_only=True), 2)))
    )
    assert errors == []
    assert [(r.year, r.index) for r in rows] == [(2025, 100), (2026, Decimal("102.3"))]


# --- saying which prices totals are in -----------------------------------------------------


def level(converted=False, other=(), missing=()):
    return SimpleNamespace(
        converted=converted, other_price_years=list(other), missing_price_years=list(missing)
    )


def test_rule_a_chart_says_whether_its_totals_are_converted():
    assert price_phrase(level(converted=True, other=[2025]), 2026) == "omregnet til 2026-priser"
    assert price_phrase(level(other=[2025]), 2026) == (
        "hvert forslag i sit eget prisniveau, ikke omregnet"
    )
    assert price_phrase(level(), 2026) == "i 2026-priser"


def test_rule_a_file_says_which_prices_its_totals_are_in_and_why():
    assert price_note(level(converted=True, other=[2024, 2025]), 2026) == (
        "Totalerne er omregnet til 2026-priser med budgetårets pris- og lønindeks. "
        "Forslag i 2024, 2025-priser står med deres egne tal på forslaget."
    )
    assert price_note(level(other=[2025], missing=[2024, 2025]), 2026) == (
        "Pris- og lønindekset mangler 2024, 2025, så totalerne er ikke omregnet."
    )
    assert price_note(level(other=[2024, 2025]), 2026) == (
        "Nogle er i 2024, 2025-priser, resten i 2026-priser; totalerne er ikke omregnet."
    )
    assert price_note(level(), 2026) == ""


def test_rule_the_toggle_links_keep_the_page_s_other_choices():
    request = RequestFactory().get("/b/forslag/", {"udvalg": "3", "priser": COMMON, "q": "skole"})
    toggle = PriceToggle.from_request(request)
    assert toggle.on
    assert toggle.common_url == f"/b/forslag/?udvalg=3&q=skole&priser={COMMON}"
    assert toggle.own_url == "/b/forslag/?udvalg=3&q=skole"
    plain = PriceToggle.from_request(RequestFactory().get("/b/forslag/", {"priser": "egne"}))
    assert not plain.on
    assert plain.own_url == "/b/forslag/"
    assert plain.common_url == f"/b/forslag/?priser={COMMON}"


def test_rule_totals_at_one_price_level_are_cached_by_the_table_s_version(cycle, finance):
    on = PriceToggle(on=True, common_url="", own_url="")
    off = PriceToggle(on=False, common_url="", own_url="")
    assert off.cache_key(cycle) == "egne"
    assert off.table(cycle) is None
    assert on.cache_key(cycle) == f"{COMMON}.0"
    row = FactorRow(2026, Decimal("100"), "KL", date(2025, 6, 1))
    replace_price_table(cycle, [row], by=finance, action="Rettet")
    replace_price_table(cycle, [row], by=finance, action="Rettet")
    assert on.cache_key(cycle) == f"{COMMON}.2"
    assert cycle.price_revisions.first().snapshot["base_year"] == cycle.price_year
    assert on.table(cycle).index == {2026: Decimal("100")}


def test_rule_years_missing_from_the_table_are_named_once_each_in_order():
    assert str(MissingYears([2025, 2023, 2025])) == "2023, 2025"
    assert MissingYears([2025, 2023, 2025]).years == [2023, 2025]
