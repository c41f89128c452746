"""The import reads its columns by header, in any order, and checks each row with the card
form: a row's error is the card page's message for the same input, at the row and column."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl.utils import get_column_letter

from proposals.forms import ProposalForm
from proposals.models import Proposal
from proposals.workbook import header_for, plan_import
from tests.conftest import client_for
from tests.factories import make_card
from tests.proposals.test_workbook import as_list, good_row, workbook


@pytest.fixture
def world(finance, department_a, department_b, committee, committee_b, cycle):
    return cycle


def test_columns_in_another_order_import_the_same_card(world, finance):
    header = list(reversed(header_for(world)))
    row = good_row("T110", **{"Udgifter 2027": "2,250", "Årsværk 2029": "0,54"})
    plan = plan_import(world, workbook(header, [[row[h] for h in header]]), user=finance)
    assert plan.ok, plan.rows[0].errors
    ordered = plan_import(world, workbook(header_for(world), [as_list(world, row)]), user=finance)
    assert plan.rows[0].fields == ordered.rows[0].fields
    assert plan.rows[0].years == ordered.rows[0].years
    assert plan.rows[0].years[2027].expenses == 2_250_000


def test_missing_unknown_and_doubled_headers_are_named_in_one_message(world, finance):
    header = [h for h in header_for(world) if h not in ("Titel", "Årsværk 2028")]
    header[2:2] = ["Pris", "Type"]
    plan = plan_import(world, workbook(header, [["T1"]]), user=finance)
    assert plan.errors == [
        "Række 1 (overskrifter) passer ikke til skabelonen for Budget 2026-2029: mangler: "
        "Titel, Årsværk 2028; ukendte: Pris; står flere gange: Type."
    ]
    assert not plan.rows


def test_a_column_of_extra_notes_is_refused_not_ignored(world, finance):
    header = [*header_for(world), "Noter"]
    plan = plan_import(world, workbook(header, [as_list(world, good_row())]), user=finance)
    assert "ukendte: Noter" in plan.errors[0]


BIDI_TITLE = "Ny \u202ekorrektion"  # a right-to-left override inside
# (column, cell in the sheet, card form field, what one would type on the card page)
SAME_INPUT = {
    "fte with three decimals": ("Årsværk 2026", "0,555", "fte_2026", "0,555"),
    "fte as a number cell": ("Årsværk 2026", 0.555, "fte_2026", "0,555"),
    "fte too large": ("Årsværk 2027", 100_000, "fte_2027", "100000"),
    "point as decimal mark": ("Udgifter 2027", "12.5", "expenses_2027", "12.5"),
    "amount in e-notation": ("Indtægter 2028", "1e6", "revenues_2028", "1e6"),
    "no title": ("Titel", "", "title", ""),
    "direction control in the title": ("Titel", BIDI_TITLE, "title", BIDI_TITLE),
    "title too long": ("Titel", "x" * 201, "title", "x" * 201),
    "number with a space": ("Nr.", "T 1", "number", "T 1"),
    "price year outside the cycle": ("Prisniveau", 1990, "price_year", "1990"),
    "price year not whole": ("Prisniveau", 2026.5, "price_year", "2026,5"),
    "no such date": ("Iværksættelse", "32.13.2026", "start_date", "32.13.2026"),
    "unknown type": ("Type", "X", "kind", "X"),
    "unknown service frame": ("Serviceramme", "Måske", "service_frame", "Måske"),
    "committee of no cycle": ("Udvalg", "Teknik og Miljø", "committee", "Teknik og Miljø"),
}


@pytest.mark.parametrize(("column", "cell", "name", "typed"), SAME_INPUT.values(),
                         ids=SAME_INPUT.keys())  # fmt: skip
def test_a_row_error_is_the_card_forms_message_at_its_column(world, finance, column, cell, name,
                                                             typed):  # fmt: skip
    card_page = ProposalForm({name: typed}, cycle=world, user=finance)
    expected = card_page.errors[name]
    row = as_list(world, good_row(**{column: cell}))
    plan = plan_import(world, workbook(header_for(world), [row]), user=finance)
    letter = get_column_letter(header_for(world).index(column) + 1)
    assert plan.rows[0].errors == [f"Række 2, kolonne {letter} ({column}): {m}" for m in expected]


def test_an_editor_is_refused_another_departments_card_as_on_the_card_page(
    world, editor_a, department_b, committee_b
):
    card_page = ProposalForm({"department": department_b.pk}, cycle=world, user=editor_a)
    row = good_row("T310", Afdeling=department_b.name, Udvalg=committee_b.name)
    plan = plan_import(world, workbook(header_for(world), [as_list(world, row)]), user=editor_a)
    assert plan.rows[0].errors == [
        f"Række 2, kolonne E (Afdeling): {card_page.errors['department'][0]}"
    ]


def test_a_row_for_an_existing_card_is_checked_as_its_edit_page(world, finance, department_a,
                                                                committee):  # fmt: skip
    make_card(by=finance, department=department_a, committee=committee, number="T101")
    plan = plan_import(world, workbook(header_for(world), [as_list(world, good_row("T101"))]),
                       user=finance)  # fmt: skip
    assert plan.ok and plan.rows[0].action == "opdater"  # its own number is not "taken"
    assert Proposal.objects.get().version == 1


def test_checking_a_sheet_takes_the_same_queries_for_3_rows_as_for_60(world, finance):
    plan_import(world, workbook(header_for(world), [as_list(world, good_row())]), user=finance)
    counts = []  # after a first plan, which reads the user's groups once
    for rows in (3, 60):
        data = workbook(header_for(world), [as_list(world, good_row(f"T{n}")) for n in range(rows)])
        with CaptureQueriesContext(connection) as queries:
            plan = plan_import(world, data, user=finance)
        assert plan.ok and plan.created_count == rows
        counts.append(len(queries))
    assert counts[0] == counts[1] < 12


def test_each_row_is_checked_by_itself(world, finance, department_a, committee):
    make_card(by=finance, department=department_a, committee=committee, number="T101")
    rows = [
        good_row("T110", Titel=""),
        good_row("T101", Titel="Rettet titel"),
        good_row("T111"),
        good_row("T112", **{"Årsværk 2026": "0,555"}),
    ]
    plan = plan_import(world, workbook(header_for(world), [as_list(world, r) for r in rows]),
                       user=finance)  # fmt: skip
    assert [r.errors for r in plan.rows] == [
        ["Række 2, kolonne B (Titel): Dette felt er påkrævet."],
        [],
        [],
        ["Række 5, kolonne K (Årsværk 2026): Årsværk kan højst have to decimaler, fx 0,54."],
    ]
    assert [r.action for r in plan.rows[1:3]] == ["opdater", "opret"]
    assert "Titel" in [c.label for c in plan.rows[1].changes]
    assert plan.rows[2].fields["title"] == "Ny korrektion"


def test_the_seeds_ja_nej_is_partly_with_its_wording_kept_as_the_note(world, finance):
    rows = [good_row("T110", Serviceramme="Ja/nej"), good_row("T111", Serviceramme="nej")]
    plan = plan_import(world, workbook(header_for(world), [as_list(world, r) for r in rows]),
                       user=finance)  # fmt: skip
    assert plan.ok
    assert plan.rows[0].fields["service_frame"] == "delvis"
    assert plan.rows[0].fields["service_frame_note"] == "Ja/nej"
    assert plan.rows[1].fields["service_frame"] == "nej"
    assert "service_frame_note" not in plan.rows[1].fields


def test_the_page_and_the_templates_guide_say_the_columns_go_by_header(client, world, finance):
    client_for(client, finance)
    page = client.get(reverse("proposals:excel", args=[world.slug])).text
    assert "må stå i en anden rækkefølge end i skabelonen" in page
    template = client.get(reverse("proposals:excel_template", args=[world.slug])).content
    guide = openpyxl.load_workbook(io.BytesIO(template))["Vejledning"]
    assert ("Overskrifter", "Række 1 har skabelonens overskrifter, alle og kun dem; "
            "rækkefølgen er fri.") in list(guide.iter_rows(values_only=True))  # fmt: skip
