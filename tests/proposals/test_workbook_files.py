"""Workbooks that are not plain .xlsx files, refused in Danish from the web and the command;
an upload is parsed once, and its preview shows what each row will do to which card."""

from __future__ import annotations

import io
import json
import re
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from proposals.models import ExcelImport, Proposal
from proposals.workbook import SHEET, export_workbook, header_for, plan_import
from tests.conftest import client_for
from tests.factories import make_card
from tests.proposals.test_workbook import as_list, good_row, workbook

UNREADABLE = "ugyldige tegn"
MACROS = "indeholder makroer"
NOT_A_WORKBOOK = "ikke en Excel-projektmappe"
MACRO_TYPE = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
TEMPLATE_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml"


@pytest.fixture
def world(finance, department_a, department_b, committee, committee_b, cycle):
    return cycle


def rewrite(data: bytes, edit) -> bytes:
    """The same package with EDIT(name, bytes) -> bytes | None applied to every member
    (None drops it); EDIT(None, None) may return extra {name: bytes} to add."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = edit(info.filename, src.read(info.filename))
            if body is not None:
                dst.writestr(info, body)
        for name, body in (edit(None, None) or {}).items():
            dst.writestr(name, body)
    return out.getvalue()


def good_file(cycle, title="Ny korrektion") -> bytes:
    return workbook(header_for(cycle), [as_list(cycle, good_row("T110", Titel=title))])


def with_control_character(cycle) -> bytes:
    """A raw \\x01 inside the sheet's XML: not well-formed XML, as some exporters write it."""

    def edit(name, body):
        if name == "xl/worksheets/sheet1.xml":
            return body.replace(b"Ny XXX korrektion", b"Ny \x01 korrektion")
        return None if name is None else body

    return rewrite(good_file(cycle, title="Ny XXX korrektion"), edit)


def with_vba_project(cycle) -> bytes:
    """An .xlsm's macro part inside a file with the ordinary workbook content type."""

    def edit(name, body):
        if name is None:
            return {"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0 macro"}
        return body

    return rewrite(good_file(cycle), edit)


def with_main_type(cycle, content_type: str) -> bytes:
    def edit(name, body):
        if name == "[Content_Types].xml":
            return body.replace(XLSX_TYPE.encode(), content_type.encode())
        return None if name is None else body

    return rewrite(good_file(cycle), edit)


HOSTILE = {
    "control character": (with_control_character, UNREADABLE),
    "vbaProject.bin": (with_vba_project, MACROS),
    "macro-enabled type": (lambda c: with_main_type(c, MACRO_TYPE), MACROS),
    "template, not a workbook": (lambda c: with_main_type(c, TEMPLATE_TYPE), NOT_A_WORKBOOK),
}


@pytest.mark.parametrize(("make", "message"), HOSTILE.values(), ids=HOSTILE.keys())
def test_plan_refuses_the_file_with_a_danish_reason(world, finance, make, message):
    plan = plan_import(world, make(world), user=finance)
    assert not plan.ok
    assert message in plan.errors[0]
    assert not plan.rows


@pytest.mark.parametrize(("make", "message"), HOSTILE.values(), ids=HOSTILE.keys())
def test_import_command_refuses_without_a_traceback(tmp_path, world, finance, make, message):
    path = tmp_path / "forslag.xlsx"
    path.write_bytes(make(world))
    err = io.StringIO()
    with pytest.raises(CommandError) as exc:
        call_command("import_proposals", str(path), "--cycle", world.slug,
                     "--user", finance.username, stderr=err)  # fmt: skip
    assert exc.value.returncode == 1
    assert message in err.getvalue()
    assert not Proposal.objects.exists()


@pytest.mark.parametrize(("make", "message"), HOSTILE.values(), ids=HOSTILE.keys())
def test_upload_refuses_the_file_at_the_field_and_stores_nothing(client, world, finance, make,
                                                                  message):  # fmt: skip
    client_for(client, finance)
    url = reverse("proposals:excel", args=[world.slug])
    client.get(url)
    response = client.post(url, {"file": SimpleUploadedFile("forslag.xlsx", make(world))})
    assert response.status_code == 200
    assert message in response.context["form"].errors["file"][0]
    assert message in response.content.decode()
    assert not ExcelImport.objects.exists()


def test_an_old_upload_that_fails_is_parsed_once_and_its_preview_stays_a_page(
    client, world, finance
):
    record = ExcelImport.objects.create(
        cycle=world, uploaded_by=finance, filename="forslag.xlsx",
        file=SimpleUploadedFile("forslag.xlsx", with_control_character(world)),
    )  # fmt: skip
    client_for(client, finance)
    url = reverse("proposals:excel_preview", args=[world.slug, record.pk])
    first = client.get(url)
    assert first.status_code == 200
    assert UNREADABLE in first.content.decode()
    record.refresh_from_db()
    assert UNREADABLE in record.failure
    record.file.delete(save=False)  # the file is not read again: the stored failure is shown
    again = client.get(url)
    assert again.status_code == 200
    assert UNREADABLE in again.content.decode()
    assert "Gem importen" not in again.content.decode()


def test_a_good_upload_is_parsed_once_preview_and_import_use_the_stored_sheet(client, world,
                                                                              finance):  # fmt: skip
    client_for(client, finance)
    url = reverse("proposals:excel", args=[world.slug])
    client.get(url)
    response = client.post(url, {"file": SimpleUploadedFile("forslag.xlsx", good_file(world))})
    record = ExcelImport.objects.get()
    assert record.sheet is not None
    record.file.delete(save=False)
    preview = client.get(response["Location"])
    assert "1 nyt forslag" in preview.content.decode()
    client.post(reverse("proposals:excel_apply", args=[world.slug, record.pk]))
    assert Proposal.objects.get().title == "Ny korrektion"


def test_stored_cells_keep_their_types_so_a_stored_plan_equals_a_fresh_one(world, finance):
    from budget_portal.excel import read_sheet
    from proposals.workbook import plan_sheet, sheet_from_json, sheet_to_json

    row = good_row("T110", **{"Udgifter 2026": 1.2345, "Iværksættelse": None})
    data = workbook(header_for(world), [as_list(world, row)])
    sheet = read_sheet(data, SHEET)
    stored = sheet_from_json(sheet_to_json(sheet))
    assert stored == sheet
    plan = plan_sheet(world, stored, user=finance)
    assert plan.rows[0].years[2026].expenses == 1_234_500


# ---------------------------------------------------------------- the preview (issue 13)


@pytest.fixture
def preview_html(client, world, finance, department_a, committee):
    """T101 exists and is changed by the file (title, expenses 2026, 2027 by 400 kr.), T102
    exists unchanged, T110 is new."""
    make_card(by=finance, department=department_a, committee=committee, number="T101",
              title="Gammel titel", net=1_000_000)  # fmt: skip
    make_card(by=finance, department=department_a, committee=committee, number="T102",
              net=2_000_000)  # fmt: skip
    exported = export_workbook(world, Proposal.objects.filter(cycle=world).order_by("number"))
    book = openpyxl.load_workbook(io.BytesIO(exported))
    sheet = book[SHEET]
    header = [c.value for c in sheet[1]]
    t101 = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "T101")
    t101[header.index("Titel")].value = "Ny titel"
    t101[header.index("Udgifter 2026")].value = "1,500"
    t101[header.index("Udgifter 2027")].value = "1,0004"
    sheet.append(as_list(world, good_row("T110")))
    out = io.BytesIO()
    book.save(out)
    client_for(client, finance)
    url = reverse("proposals:excel", args=[world.slug])
    client.get(url)
    response = client.post(url, {"file": SimpleUploadedFile("forslag.xlsx", out.getvalue())})
    html = client.get(response["Location"]).content.decode()
    return re.sub(r"\s+", " ", html)


def _row(html: str, number: str) -> str:
    match = re.search(rf'<tr[^>]*>\s*<td>\d+</td>\s*<th scope="row">{number}</th>.*?</tr>', html)
    assert match, f"no row for {number}"
    return match.group(0)


def test_preview_shows_each_cards_title_committee_and_net_per_year(preview_html):
    new = _row(preview_html, "T110")
    assert "Ny korrektion" in new and "Økonomiudvalget" in new
    assert new.count(">1,500<") == 4  # net per year in mio. kr., Danish decimals
    assert "netto pr. år i mio. kr." in preview_html
    for year in range(2026, 2030):
        assert f'<th scope="col" class="num">{year}</th>' in preview_html


def test_preview_marks_new_cards_as_new(preview_html):
    assert "Nyt forslag" in _row(preview_html, "T110")
    assert "Nyt forslag" not in _row(preview_html, "T101")


def test_preview_shows_old_and_new_for_each_changed_field_and_year(preview_html):
    changed = _row(preview_html, "T101")
    assert "Opdateres" in changed
    assert 'Titel: <span class="diff-old">Gammel titel</span> → Ny titel' in changed
    assert 'Udgifter 2026: <span class="diff-old">1,000</span> → 1,500' in changed
    # 400 kr. more: exact, not hidden by the three decimals of mio. kr.
    assert 'Udgifter 2027: <span class="diff-old">1,000</span> → 1,0004' in changed
    assert "Udgifter 2028" not in changed and "Baggrund" not in changed


def test_preview_says_unchanged_cards_are_unchanged(preview_html):
    same = _row(preview_html, "T102")
    assert "Uændret" in same and "→" not in same
    assert "1 nyt forslag, 1 opdateres, 1 uændret" in preview_html


def test_change_list_is_built_from_the_card_and_row(world, finance, department_a, committee):
    card = make_card(by=finance, department=department_a, committee=committee, number="T101",
                     fte="0.5")  # fmt: skip
    exported = export_workbook(world, Proposal.objects.filter(pk=card.pk))
    book = openpyxl.load_workbook(io.BytesIO(exported))
    header = [c.value for c in book[SHEET][1]]
    book[SHEET].cell(row=2, column=header.index("Årsværk 2029") + 1).value = "0,54"
    out = io.BytesIO()
    book.save(out)
    plan = plan_import(world, out.getvalue(), user=finance)
    assert [(c.label, c.old, c.new) for c in plan.rows[0].changes] == [
        ("Årsværk 2029", "0,5", "0,54")
    ]
    assert plan.rows[0].years[2029].fte == Decimal("0.54")


CELLS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=False),
    st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"])),
    st.dates(),
    st.datetimes(),
)


@given(st.lists(st.lists(CELLS, max_size=6), max_size=5))
def test_a_stored_sheet_reads_back_as_the_same_values(rows):
    from budget_portal.excel import Sheet
    from proposals.workbook import sheet_from_json, sheet_to_json

    sheet = Sheet(header=["Nr.", "Titel"], rows=[(n + 2, r) for n, r in enumerate(rows)])
    stored = json.loads(json.dumps(sheet_to_json(sheet)))  # as the JSON column holds it
    back = sheet_from_json(stored)
    assert back == sheet
    assert [[type(v) for v in r] for _, r in back.rows] == [[type(v) for v in r] for r in rows]
