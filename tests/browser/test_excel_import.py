"""Finance imports cards from Excel in Chromium: a bad file is refused at the field, a good
one is previewed with what changes, then saved; axe checks each page."""

from __future__ import annotations

import io

import openpyxl
import pytest
from playwright.sync_api import expect

from proposals.models import Proposal
from proposals.workbook import SHEET, export_workbook
from tests.browser.conftest import assert_accessible, log_in
from tests.factories import make_card
from tests.proposals.test_workbook import as_list, good_row
from tests.proposals.test_workbook_files import with_vba_project


@pytest.fixture
def files(transactional_db, cycle, finance, department_a, committee, tmp_path):
    make_card(by=finance, department=department_a, committee=committee, number="T101",
              title="Gammel titel")  # fmt: skip
    book = openpyxl.load_workbook(io.BytesIO(export_workbook(cycle, Proposal.objects.all())))
    book[SHEET]["B2"].value = "Ny titel"
    book[SHEET].append(as_list(cycle, good_row("T110")))
    good = tmp_path / "forslag.xlsx"
    book.save(good)
    bad = tmp_path / "makro.xlsx"
    bad.write_bytes(with_vba_project(cycle))
    return {"good": good, "bad": bad}


def test_finance_previews_an_excel_import_and_saves_it(page, files, cycle, finance):
    log_in(page, finance.username)
    page.goto(f"/budget/{cycle.slug}/excel/")
    page.get_by_label("Excel-fil (.xlsx)").set_input_files(files["bad"])
    page.get_by_role("button", name="Upload og vis forhåndsvisning").click()
    expect(page.get_by_text("Filen indeholder makroer")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Excel-fil (.xlsx)").set_input_files(files["good"])
    page.get_by_role("button", name="Upload og vis forhåndsvisning").click()
    expect(page.get_by_role("heading", name="Forhåndsvisning af import")).to_be_visible()
    t101 = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name="T101"))
    expect(t101).to_contain_text("Titel: Gammel titel → Ny titel")
    t110 = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name="T110"))
    expect(t110).to_contain_text("Nyt forslag")
    assert_accessible(page)

    page.get_by_role("button", name="Gem importen").click()
    expect(page.get_by_text("Importen er gemt: 1 forslag oprettet, 1 opdateret.")).to_be_visible()
    assert Proposal.objects.get(number="T101").title == "Ny titel"


def test_the_import_works_without_javascript_on_a_phone(browser, live_server, files, cycle,
                                                        finance):  # fmt: skip
    context = browser.new_context(
        base_url=live_server.url, locale="da-DK", java_script_enabled=False,
        viewport={"width": 390, "height": 844},
    )  # fmt: skip
    page = context.new_page()
    try:
        log_in(page, finance.username)
        page.goto(f"/budget/{cycle.slug}/excel/")
        page.get_by_label("Excel-fil (.xlsx)").set_input_files(files["good"])
        page.get_by_role("button", name="Upload og vis forhåndsvisning").click()
        expect(page.get_by_text("Titel: Gammel titel → Ny titel")).to_be_visible()
        page.get_by_role("button", name="Gem importen").click()
        expect(page.get_by_text("Importen er gemt")).to_be_visible()
    finally:
        context.close()
    assert Proposal.objects.filter(number="T110").exists()
