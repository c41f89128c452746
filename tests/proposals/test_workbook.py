"""Excel in and out: the template format, row errors in Danish, all-or-nothing, bad files."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from budget_portal.excel import MAX_ROWS
from budget_portal.text import BIDI_CONTROLS
from proposals.models import ExcelImport, Proposal, Status
from proposals.workbook import SHEET, apply_import, export_workbook, header_for, plan_import
from tests.conftest import client_for
from tests.factories import (
    CommitteeFactory,
    CycleFactory,
    DepartmentFactory,
    UserFactory,
    make_card,
)


def workbook(header, rows, title=SHEET) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    ws.append(header)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def good_row(number="T110", **over):
    row = {
        "Nr.": number,
        "Titel": "Ny korrektion",
        "Type": "Teknisk korrektion",
        "Udvalg": "Økonomiudvalget",
        "Afdeling": "Økonomi og Personale",
        "Prisniveau": 2026,
        "Iværksættelse": "01.01.2026",
        "Serviceramme": "Ja",
        "Baggrund": "Baggrund.",
        "Økonomiske konsekvenser": "",
    }
    for year in range(2026, 2030):
        row |= {f"Udgifter {year}": "1,500", f"Indtægter {year}": 0, f"Årsværk {year}": 0.5}
    row |= over
    return row


def as_list(cycle, row: dict) -> list:
    return [row[h] for h in header_for(cycle)]


@pytest.fixture
def world(finance, department_a, department_b, committee, committee_b, cycle):
    return cycle


def test_import_creates_and_updates_with_revisions(world, finance, department_a, committee):
    cycle = world
    make_card(by=finance, department=department_a, committee=committee, number="T101",
              net=2_000_000)  # fmt: skip
    data = workbook(
        header_for(cycle),
        [
            as_list(cycle, good_row("T110")),
            as_list(cycle, good_row("T101", **{"Titel": "Forslag T101", "Udgifter 2026": 2.5,
                                                "Årsværk 2026": 0, "Årsværk 2027": 0,
                                                "Årsværk 2028": 0, "Årsværk 2029": 0,
                                                "Udgifter 2027": "2,000", "Udgifter 2028": 2,
                                                "Udgifter 2029": "2", "Baggrund": "Baggrund.",
                                                "Økonomiske konsekvenser": "Konsekvenser.",
                                                "Iværksættelse": None})),
        ],
    )  # fmt: skip
    plan = plan_import(cycle, data, user=finance)
    assert plan.ok, plan.rows[1].errors
    assert [r.action for r in plan.rows] == ["opret", "opdater"]
    assert apply_import(plan, by=finance) == (1, 1)
    new = Proposal.objects.get(number="T110")
    assert [y.expenses for y in new.ordered_years()] == [1_500_000] * 4
    assert new.ordered_years()[0].fte == Decimal("0.5")
    assert new.start_date.isoformat() == "2026-01-01"
    old = Proposal.objects.get(number="T101")
    assert old.version == 2
    assert old.revisions.first().changed == ["Udgifter 2026", "Netto 2026"]
    assert old.ordered_years()[0].expenses == 2_500_000


def test_errors_name_row_and_column_and_nothing_is_written(world, finance):
    cycle = world
    rows = [
        as_list(cycle, good_row("T110")),
        as_list(cycle, good_row("T111", **{"Udgifter 2027": "12.5"})),
        as_list(cycle, good_row("T112", **{"Udvalg": "Teknik og Miljø", "Serviceramme": "Måske"})),
        as_list(cycle, good_row("T110")),
        as_list(cycle, good_row("T113", **{"Titel": "Tekst\x7fmed DEL-tegn"})),
    ]
    plan = plan_import(cycle, workbook(header_for(cycle), rows), user=finance)
    messages = [e for r in plan.rows for e in r.errors]
    assert not plan.ok
    assert any(
        m.startswith("Række 3, kolonne L (Udgifter 2027):") and "komma som decimaltegn" in m
        for m in messages
    )
    assert "Række 4, kolonne D (Udvalg): Udvalget findes ikke i dette budgetår." in messages
    assert (
        "Række 4, kolonne H (Serviceramme): Marker en gyldig valgmulighed. "
        "Måske er ikke en af de tilgængelige valgmuligheder."
    ) in messages
    assert any("Nr. T110 står også i række 2" in m for m in messages)
    assert any("Række 6, kolonne B (Titel): teksten indeholder ugyldige" in m for m in messages)
    with pytest.raises(Exception, match="ikke gemt"):
        apply_import(plan, by=finance)
    assert not Proposal.objects.exists()


def test_wrong_header_is_explained(world, finance):
    header = header_for(world)
    header[5] = "Pris"
    plan = plan_import(world, workbook(header, [["T1"]]), user=finance)
    assert "mangler: Prisniveau" in plan.errors[0]
    assert "ukendte: Pris" in plan.errors[0]


def test_editor_cannot_import_into_another_department(world, editor_a):
    row = good_row("T310", **{"Afdeling": "Børn og Familie", "Udvalg": "Børne- og Familieudvalget"})
    plan = plan_import(world, workbook(header_for(world), [as_list(world, row)]), user=editor_a)
    assert plan.rows[0].errors == [
        "Række 2, kolonne E (Afdeling): Afdelingen findes ikke i dette budgetår, eller du kan "
        "ikke oprette eller rette forslag for den."
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"%PDF-1.7 not a workbook", "ikke en Excel-fil"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "krypteret eller i det gamle .xls"),
        (b"PK\x03\x04broken", "beskadiget zip"),
    ],
)
def test_files_that_are_not_xlsx_are_refused(world, finance, data, message):
    plan = plan_import(world, data, user=finance)
    assert message in plan.errors[0]


def test_zip_bomb_is_refused_before_parsing(world, finance):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (50 * 1024 * 1024))
    plan = plan_import(world, buffer.getvalue(), user=finance)
    assert "mistænkeligt tæt" in plan.errors[0]


def test_huge_sheets_are_refused(world, finance):
    rows = [as_list(world, good_row(f"T{n}")) for n in range(MAX_ROWS + 2)]
    plan = plan_import(world, workbook(header_for(world), rows), user=finance)
    assert "mere end 5000 rækker" in plan.errors[0].replace(".", "")


def test_export_stores_formula_like_text_as_text(world, finance, department_a, committee):
    card = make_card(by=finance, department=department_a, committee=committee, number="T101",
                     title='=HYPERLINK("http://evil.example","klik")')  # fmt: skip
    data = export_workbook(world, Proposal.objects.filter(pk=card.pk))
    ws = openpyxl.load_workbook(io.BytesIO(data))[SHEET]
    cell = ws["B2"]
    assert cell.data_type == "s"
    assert cell.quotePrefix
    assert cell.value == card.title
    raw = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in raw


def test_export_has_an_overview_of_net_per_committee(world, finance, department_a, committee):
    make_card(by=finance, department=department_a, committee=committee, number="T101",
              net=2_000_000)  # fmt: skip
    make_card(by=finance, department=department_a, committee=committee, number="T102",
              net=880_000)  # fmt: skip
    wb = openpyxl.load_workbook(io.BytesIO(export_workbook(world, Proposal.objects.all())))
    rows = list(wb["Oversigt"].iter_rows(values_only=True))
    assert rows[1][0] == "Økonomiudvalget"
    assert Decimal(str(rows[1][1])) == Decimal("2.88")
    assert rows[-1][0] == "I alt"


class TestRoundTrip(HypothesisTestCase):
    """Export, then import, changes nothing, whatever the cards hold."""

    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        cards=st.lists(
            st.tuples(
                st.lists(st.one_of(st.none(), st.integers(-10**11, 10**11)), min_size=8,
                         max_size=8),
                st.lists(st.one_of(st.none(), st.decimals(-500, 500, places=2)), min_size=4,
                         max_size=4),
                st.sampled_from(["ja", "nej", "delvis", ""]),
                # Not the direction controls: the card form refuses them, as does the import.
                st.text(st.characters(blacklist_categories=["Cs", "Cc"],
                                      blacklist_characters=BIDI_CONTROLS), max_size=60)
                .map(str.strip),
            ),
            min_size=1,
            max_size=4,
        )
    )  # fmt: skip
    def test_export_then_import_changes_nothing(self, cards):
        finance = UserFactory(username="rt-okonomi", roles=["okonomi"])
        cycle = CycleFactory()
        committee = CommitteeFactory(cycle=cycle, number=1, name="Økonomiudvalget")
        department = DepartmentFactory(
            cycle=cycle, name="Økonomi og Personale", committee=committee
        )
        from budget_portal.figures import YearValues
        from proposals.services import create_proposal

        for i, (amounts, ftes, frame, text) in enumerate(cards):
            create_proposal(
                cycle,
                by=finance,
                fields={"number": f"T1{i:02d}", "kind": "T", "title": text or "Titel",
                        "committee": committee, "department": department, "price_year": 2026,
                        "start_date": None, "service_frame": frame, "service_frame_note": "",
                        "pending_note": "", "background": text, "consequences": "=1+1"},
                years={2026 + y: YearValues(amounts[2 * y], amounts[2 * y + 1], ftes[y])
                       for y in range(4)},
            )  # fmt: skip
        data = export_workbook(cycle, Proposal.objects.filter(cycle=cycle))
        plan = plan_import(cycle, data, user=finance)
        assert plan.ok, [e for r in plan.rows for e in r.errors]
        assert [r.action for r in plan.rows] == ["uændret"] * len(cards)


def test_upload_preview_and_apply_in_the_browser_flow(client, world, finance):
    client_for(client, finance)
    data = workbook(header_for(world), [as_list(world, good_row("T110"))])
    url = reverse("proposals:excel", args=[world.slug])
    client.get(url)
    response = client.post(url, {"file": SimpleUploadedFile("forslag.xlsx", data)})
    record = ExcelImport.objects.get()
    assert response["Location"] == reverse("proposals:excel_preview", args=[world.slug, record.pk])
    preview = client.get(response["Location"]).content.decode()
    assert "1 nyt forslag" in preview
    assert not Proposal.objects.exists()
    client.post(reverse("proposals:excel_apply", args=[world.slug, record.pk]))
    assert Proposal.objects.get().number == "T110"
    record.refresh_from_db()
    assert record.applied_at is not None


def test_upload_of_a_non_xlsx_shows_the_reason(client, world, finance):
    client_for(client, finance)
    url = reverse("proposals:excel", args=[world.slug])
    client.get(url)
    response = client.post(url, {"file": SimpleUploadedFile("forslag.csv", b"a;b")})
    assert "Vælg en .xlsx-fil." in response.content.decode()


def test_politician_cannot_import_and_others_cannot_see_an_upload(client, world, politician,
                                                                  finance, editor_a):  # fmt: skip
    client_for(client, politician)
    assert client.get(reverse("proposals:excel", args=[world.slug])).status_code == 403
    record = ExcelImport.objects.create(
        cycle=world, uploaded_by=finance, file=SimpleUploadedFile("a.xlsx", b"x"), filename="a"
    )
    client_for(client, editor_a)
    preview = reverse("proposals:excel_preview", args=[world.slug, record.pk])
    assert client.get(preview).status_code == 404


def test_anonymous_export_holds_only_released_cards(client, world, finance, department_a,
                                                    committee):  # fmt: skip
    make_card(by=finance, department=department_a, committee=committee, number="T101",
              status=Status.RELEASED)  # fmt: skip
    make_card(by=finance, department=department_a, committee=committee, number="T199")
    response = client.get(reverse("proposals:excel_export", args=[world.slug]))
    ws = openpyxl.load_workbook(io.BytesIO(response.content))[SHEET]
    assert [row[0] for row in ws.iter_rows(min_row=2, values_only=True)] == ["T101"]


def test_import_command_exits_nonzero_on_errors(tmp_path, world, finance):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(workbook(header_for(world), [as_list(world, good_row("T1", **{"Titel": ""}))]))
    with pytest.raises(CommandError) as exc:
        call_command(
            "import_proposals", str(bad), "--cycle", world.slug, "--user", finance.username
        )
    assert exc.value.returncode == 1
    good = tmp_path / "good.xlsx"
    good.write_bytes(workbook(header_for(world), [as_list(world, good_row("T110"))]))
    call_command("import_proposals", str(good), "--cycle", world.slug, "--user", finance.username,
                 "--dry-run")  # fmt: skip
    assert not Proposal.objects.exists()
    call_command("import_proposals", str(good), "--cycle", world.slug, "--user", finance.username)
    assert Proposal.objects.filter(number="T110").exists()
    out = tmp_path / "out.xlsx"
    call_command("export_proposals", "--cycle", world.slug, "-o", str(out))
    assert openpyxl.load_workbook(out)[SHEET]["A2"].value == "T110"
