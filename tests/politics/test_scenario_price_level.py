"""Scenarios at one price level: a scenario's effect, the comparison of scenarios, and their
Excel and PDF files convert each card from its own price year when asked, exactly, and say
which years stop the conversion otherwise."""

from __future__ import annotations

import io
import re
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse
from pypdf import PdfReader

from budget_portal.price_level import PriceTable
from politics.models import BudgetTarget
from politics.outputs import scenario_effect
from politics.scenarios import create_scenario, save_selection
from proposals.models import Status
from tests.conftest import client_for
from tests.factories import make_card
from tests.proposals.test_price_level_totals import index

NOTE_OFF = "Nogle er i 2025-priser, resten i 2026-priser; totalerne er ikke omregnet."
NOTE_ON = "Totalerne er omregnet til 2026-priser med budgetårets pris- og lønindeks."


def cards(finance, department_a, committee):
    """T101: 1.000.000 kr. a year in 2025 prices; T102: 250.000 kr. a year in 2026 prices."""
    old = make_card(by=finance, department=department_a, committee=committee, number="T101",
                    price_year=2025, status=Status.RELEASED)  # fmt: skip
    new = make_card(by=finance, department=department_a, committee=committee, number="T102",
                    net=250_000, status=Status.RELEASED, service_frame="nej")  # fmt: skip
    return old, new


def half_and_whole(cycle, owner, old, new, name="Forlig"):
    scenario = create_scenario(cycle, by=owner, name=name)
    save_selection(scenario, {old.pk: Decimal(50), new.pk: Decimal(100)})
    return scenario


def net_cells(html: str) -> list[str]:
    return re.findall(r'data-testid="net-\d"><strong>([^<]+)</strong>', html)


def test_rule_a_hand_worked_scenario_at_2026_prices(
    cycle, finance, department_a, committee, politician_a
):
    old, new = cards(finance, department_a, committee)
    index(cycle, finance, y2025="100", y2026="102.3")
    BudgetTarget.objects.create(cycle=cycle, year=2026, amount=1_000_000)
    scenario = half_and_whole(cycle, politician_a, old, new)

    as_typed = scenario_effect(scenario)
    assert as_typed.totals[2026].net == Decimal(750_000)
    assert not as_typed.converted and as_typed.other_price_years == [2025]

    effect = scenario_effect(scenario, prices=PriceTable.for_cycle(cycle))
    # 50 % of 1.000.000 kr. in 2025 prices is 500.000 kr.; × 102,3 / 100 = 511.500 kr. in 2026
    # prices; with T102's 250.000 kr. the year's net is 761.500 kr., unrounded.
    assert effect.converted
    assert effect.totals[2026].net == Decimal("761500")
    assert effect.totals[2026].within == Decimal("511500")
    assert effect.totals[2026].outside == Decimal(250_000)
    assert effect.lines[0].by_year[2027].net == Decimal("511500")
    # The target is in the cycle's prices: 1.000.000 - 761.500 remain to be found.
    assert effect.totals[2026].remaining == Decimal("238500")


@pytest.fixture
def priced(client, cycle, finance, department_a, committee, politician_a):
    """Half of T101 and all of T102, with an index for 2025 and 2026; the politician signed in."""
    old, new = cards(finance, department_a, committee)
    index(cycle, finance, y2025="100", y2026="102.3")
    client_for(client, politician_a)
    return half_and_whole(cycle, politician_a, old, new)


def test_politician_switches_the_scenario_page_to_one_price_level(client, cycle, priced):
    scenario = priced
    page = client.get(scenario.get_absolute_url()).content.decode()
    assert NOTE_OFF in page
    assert net_cells(page) == ["0,750"] * 4
    link = re.search(r'<a href="([^"]+)">Vis totalerne i 2026-priser</a>', page).group(1)

    converted = client.get(link.replace("&amp;", "&")).content.decode()
    assert NOTE_ON in converted and "ikke omregnet" not in converted
    assert net_cells(converted) == ["0,762"] * 4  # 0,7615 mio. kr., rounded half up once
    assert "Vis totalerne uden omregning" in converted
    assert "scenariets netto (med de valgte andele, omregnet til 2026-priser)" in converted
    # The files follow the page's choice.
    xlsx = reverse("politics:xlsx", args=[cycle.slug, scenario.pk])
    assert f'href="{xlsx}?priser=faelles"' in converted


def test_the_live_preview_keeps_the_price_level(
    client, cycle, finance, department_a, committee, politician_a
):
    old, new = cards(finance, department_a, committee)
    index(cycle, finance, y2025="100", y2026="102.3")
    scenario = create_scenario(cycle, by=politician_a, name="Forlig")
    client_for(client, politician_a)
    url = f"{scenario.get_absolute_url()}?priser=faelles"
    page = client.get(url).content.decode()
    assert f'hx-post="{scenario.get_absolute_url()}?priser=faelles"' in page
    form = {"name": "Forlig", f"with_{old.pk}": "on", f"share_{old.pk}": "50", "_preview": "1"}
    preview = client.post(url, form, headers={"HX-Request": "true"}).content.decode()
    assert net_cells(preview) == ["0,512"] * 4  # 511.500 kr.
    assert NOTE_ON in preview


def test_a_missing_index_year_leaves_the_scenario_unconverted_and_says_so(
    client, cycle, finance, department_a, committee, politician_a
):
    old, new = cards(finance, department_a, committee)
    index(cycle, finance, y2026="100")
    scenario = half_and_whole(cycle, politician_a, old, new)
    client_for(client, politician_a)
    page = client.get(scenario.get_absolute_url(), {"priser": "faelles"}).content.decode()
    assert "Pris- og lønindekset mangler 2025, så totalerne er ikke omregnet." in page
    assert net_cells(page) == ["0,750"] * 4


def test_scenarios_compare_at_one_price_level_or_not_at_all(
    client, cycle, finance, department_a, committee, politician_a
):
    old, new = cards(finance, department_a, committee)
    older = make_card(by=finance, department=department_a, committee=committee, number="T103",
                      price_year=2024, status=Status.RELEASED)  # fmt: skip
    index(cycle, finance, y2025="100", y2026="102.3")
    one = create_scenario(cycle, by=politician_a, name="Gammel")
    save_selection(one, {old.pk: Decimal(100)})
    two = create_scenario(cycle, by=politician_a, name="Ny")
    save_selection(two, {new.pk: Decimal(100)})
    client_for(client, politician_a)
    url = reverse("politics:compare", args=[cycle.slug])

    page = client.get(url, {"s": [one.pk, two.pk], "priser": "faelles"}).content.decode()
    assert NOTE_ON in page
    assert '<td class="num">1,023</td><td class="num">0,250</td>' in page

    # A third scenario in 2024 prices, which the table lacks: no column is converted, so the
    # columns still compare, and the note names the year.
    three = create_scenario(cycle, by=politician_a, name="Ældst")
    save_selection(three, {older.pk: Decimal(100)})
    page = client.get(url, {"s": [one.pk, two.pk, three.pk], "priser": "faelles"}).content
    page = page.decode()
    assert "Pris- og lønindekset mangler 2024, så totalerne er ikke omregnet." in page
    assert '<td class="num">1,000</td><td class="num">0,250</td><td class="num">1,000</td>' in page


def test_the_scenario_excel_and_pdf_at_one_price_level(client, cycle, priced):
    scenario = priced

    def workbook(**query):
        answer = client.get(reverse("politics:xlsx", args=[cycle.slug, scenario.pk]), query)
        sheet = openpyxl.load_workbook(io.BytesIO(answer.content)).active
        return list(sheet.iter_rows(values_only=True))

    assert Decimal(str(workbook()[3][3])) == Decimal("0.75")
    rows = workbook(priser="faelles")
    assert rows[3][1] == "I alt" and Decimal(str(rows[3][3])) == Decimal("0.7615")
    assert rows[4][1].startswith(NOTE_ON)

    pdf = client.get(reverse("politics:pdf", args=[cycle.slug, scenario.pk]), {"priser": "faelles"},
                     follow=True)  # fmt: skip
    text = " ".join(
        PdfReader(io.BytesIO(b"".join(pdf.streaming_content))).pages[0].extract_text().split()
    )
    assert "Totalerne er omregnet til 2026-priser" in text and "0,762" in text
    own = client.get(reverse("politics:pdf", args=[cycle.slug, scenario.pk]), follow=True)
    text = " ".join(
        PdfReader(io.BytesIO(b"".join(own.streaming_content))).pages[0].extract_text().split()
    )
    assert "totalerne er ikke omregnet" in text and "0,750" in text
