"""Finance's page for the price and wage index: edited by hand or imported from Excel,
every change a revision; the card list's totals follow it."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from budget_portal.models import PriceFactor
from proposals.models import Status
from tests.conftest import client_for
from tests.factories import make_card


def url(cycle, name="price_table"):
    return reverse(name, kwargs={"cycle_slug": cycle.slug})


def xlsx(header, rows, title="Prisindeks") -> SimpleUploadedFile:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("skoen.xlsx", out.getvalue())


def table(cycle) -> dict[int, Decimal]:
    return dict(PriceFactor.objects.filter(cycle=cycle).values_list("year", "index"))


def test_finance_finds_the_page_on_the_start_page(client, finance, cycle):
    client_for(client, finance)
    with_session = client.get(reverse("choose_cycle"), {"budget": cycle.slug})
    assert with_session.status_code == 302
    start = client.get(reverse("my_tasks")).content.decode()
    assert f'href="{url(cycle)}"' in start
    assert "Pris- og lønindeks (fælles prisniveau 2026)" in start
    assert client.get(url(cycle)).status_code == 200


@pytest.mark.parametrize("who, code", [(None, 302), ("editor_a", 403), ("politician", 403)])
def test_only_finance_sees_or_changes_the_index(request, client, cycle, who, code):
    if who:
        client_for(client, request.getfixturevalue(who))
    assert client.get(url(cycle)).status_code == code
    assert client.get(url(cycle, "price_table_xlsx")).status_code == code


def test_finance_types_the_index_and_the_card_list_converts(
    client, finance, department_a, committee, cycle
):
    make_card(by=finance, department=department_a, committee=committee, number="T101",
              price_year=2025, status=Status.RELEASED)  # fmt: skip
    client_for(client, finance)
    client.get(url(cycle))
    response = client.post(
        url(cycle),
        {
            "index_2025": "100,0",
            "source_2025": "KL's pris- og lønskøn, juni 2025",
            "published_on_2025": "15.06.2025",
            "index_2026": "102,3",
            "source_2026": "KL's pris- og lønskøn, juni 2025",
            "published_on_2026": "15. juni 2025",
        },
        follow=True,
    )
    page = response.content.decode()
    assert "Pris- og lønindekset er gemt." in page
    assert "2025: 100; 2026: 102,3" in page  # the revision, in Danish notation
    assert table(cycle) == {2025: Decimal("100"), 2026: Decimal("102.3")}
    assert cycle.price_revisions.get().action == "Rettet på siden"
    listed = client.get(reverse("proposals:list", kwargs={"cycle_slug": cycle.slug}),
                        {"priser": "faelles"}).content.decode()  # fmt: skip
    assert "1,023" in listed


def test_bad_input_is_refused_at_the_field_and_nothing_is_saved(client, finance, cycle):
    client_for(client, finance)
    client.get(url(cycle))
    response = client.post(
        url(cycle),
        {
            "index_2025": "100.5",  # a decimal point: 1.005 or 100,5?
            "source_2025": "KL",
            "published_on_2025": "15.06.2025",
            "index_2026": "102,3",
            "published_on_2026": "31.02.2025",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Indekset er ikke gemt" in page
    assert "brug komma som decimaltegn" in page
    assert "Skriv, hvor indekset for 2026 kommer fra." in page
    assert "findes ikke i kalenderen" in page
    assert table(cycle) == {}
    assert not cycle.price_revisions.exists()


def test_an_excel_table_replaces_the_index_as_one_revision(client, finance, cycle):
    client_for(client, finance)
    client.get(url(cycle))
    upload = xlsx(
        ["Dato", "År", "Indeks", "Kilde"],  # any column order: found by heading
        [
            [date(2025, 6, 15), 2025, 100, "KL juni 2025"],
            ["15.06.2025", "2026", 102.3, "KL juni 2025"],
        ],
    )
    response = client.post(url(cycle, "price_table_import"), {"file": upload}, follow=True)
    assert "Pris- og lønindekset er importeret: 2 år." in response.content.decode()
    assert table(cycle) == {2025: Decimal("100"), 2026: Decimal("102.3")}
    factor = PriceFactor.objects.get(cycle=cycle, year=2026)
    assert (factor.source, factor.published_on) == ("KL juni 2025", date(2025, 6, 15))
    assert cycle.price_revisions.get().action == "Importeret fra skoen.xlsx"

    # The download is the same table in the import format.
    client.get(url(cycle))
    data = client.get(url(cycle, "price_table_xlsx")).content
    rows = list(openpyxl.load_workbook(io.BytesIO(data))["Prisindeks"].iter_rows(values_only=True))
    assert rows[0] == ("År", "Indeks", "Kilde", "Dato")
    assert rows[2][:3] == (2026, 102.3, "KL juni 2025")


def test_excel_errors_name_row_and_column_and_nothing_is_saved(client, finance, cycle):
    client_for(client, finance)
    client.get(url(cycle))
    upload = xlsx(
        ["År", "Indeks", "Kilde", "Dato"],
        [
            [2025, 100, "KL", "15.06.2025"],
            [2026, "102.3", "KL", "15.06.2025"],
            [2025, 101, "KL", "15.06.2025"],
            ["to tusind", -1, None, "i går"],
        ],
    )
    page = client.post(url(cycle, "price_table_import"), {"file": upload}).content.decode()
    assert "Filen er ikke importeret" in page
    assert "Række 3, kolonne B (Indeks): “102.3” er ikke et gyldigt tal" in page
    assert "Række 4: år 2025 står også i række 2." in page
    assert "Række 5, kolonne A (År): “to tusind” er ikke et år mellem 1990 og 2100." in page
    assert "Række 5, kolonne B (Indeks): Indekset skal være et positivt tal" in page
    assert "Række 5, kolonne C (Kilde): feltet er tomt." in page
    assert "Række 5, kolonne D (Dato): “i går” er ikke en dato." in page
    assert table(cycle) == {}


# Each case makes its file when it runs: an upload is read (and closed) by the request, and a
# mutation run repeats the session in one process.
@pytest.mark.parametrize(
    "upload, message",
    [
        (lambda: xlsx(["År", "Faktor"], [[2025, 1]]),
         "mangler kolonnen/kolonnerne “Indeks”, “Kilde”, “Dato”"),
        (lambda: xlsx(["År", "Indeks", "Kilde", "Dato"], [[2025, 1, "KL", "1.1.2025"]],
                      title="Ark1"),
         "Arket “Prisindeks” mangler i filen (fandt: Ark1)."),
        (lambda: SimpleUploadedFile("skoen.xlsx", b"not a zip"),
         "Filen er ikke en Excel-fil (.xlsx)."),
    ],
)  # fmt: skip
def test_a_file_of_the_wrong_shape_is_explained(client, finance, cycle, upload, message):
    client_for(client, finance)
    client.get(url(cycle))
    page = client.post(url(cycle, "price_table_import"), {"file": upload()}).content.decode()
    assert message in page
    assert table(cycle) == {}
