"""Netto = udgifter + indtægter, unknown while either is (budget_portal.figures.net_of): one
definition, and every page that shows a net shows the same figure from it."""

from __future__ import annotations

import re

from django.urls import reverse

from budget_portal.figures import YearValues
from proposals.models import Status
from proposals.services import revise_proposal
from tests.conftest import client_for
from tests.factories import make_card


def _row(html: str, label: str) -> list[str]:
    """The cells of the first table row headed LABEL, as text."""
    # A changed row of the comparison says so after its label, for screen readers.
    heading = rf'<th scope="row">{label}(?: <span class="sr-only">[^<]*</span>)?</th>'
    match = re.search(heading + r"(.*?)</tr>", html, re.S)
    assert match, f"no row {label!r}"
    cells = re.findall(r"<td[^>]*>(.*?)</td>", match[1], re.S)
    return [re.sub(r"<[^>]+>", "", c).strip() for c in cells]


def _card(finance, department_a, committee):
    # 3.250.000 kr. expenses and 1.000.000 kr. revenues a year: net 2.250.000 kr.
    return make_card(
        by=finance,
        department=department_a,
        committee=committee,
        number="T101",
        net=2_250_000,
        revenues=-1_000_000,
        status=Status.RELEASED,
    )


def test_rule_the_card_page_and_the_list_totals_show_expenses_plus_revenues(
    client, finance, department_a, committee
):
    card = _card(finance, department_a, committee)
    assert _row(client.get(card.get_absolute_url()).content.decode(), "Netto") == ["2,250"] * 4
    listing = client.get(reverse("proposals:list", args=[card.cycle.slug])).content.decode()
    assert _row(listing, "Netto") == ["2,250"] * 4


def test_rule_a_year_with_an_unknown_revenue_has_no_net(client, finance, department_a, committee):
    card = _card(finance, department_a, committee)
    years = {
        y: YearValues(3_250_000, None if y == 2027 else -1_000_000, None) for y in range(2026, 2030)
    }
    revise_proposal(card, by=finance, fields={}, years=years, based_on_version=card.version)
    html = client.get(card.get_absolute_url()).content.decode()
    assert _row(html, "Netto") == ["2,250", "afventer", "2,250", "2,250"]


def test_rule_the_comparison_and_the_live_totals_use_the_same_net(
    client, finance, department_a, committee
):
    card = _card(finance, department_a, committee)
    years = {y: YearValues(3_250_000, -500_000, None) for y in range(2026, 2030)}
    revise_proposal(card, by=finance, fields={}, years=years, based_on_version=card.version)
    client_for(client, finance)
    compare = reverse("proposals:compare", args=[card.cycle.slug, card.number])
    html = client.get(compare).content.decode()
    assert _row(html, "Netto 2026") == ["2,250", "2,750"]
    edit = reverse("proposals:edit", args=[card.cycle.slug, card.number])
    form = client.get(edit).context["form"]
    data = {f.html_name: f.value() for f in form if f.value() is not None}
    data |= {"revenues_2026": "-1,25", "_preview": "1"}
    preview = client.post(edit, data).content.decode()
    assert _row(preview, "Netto") == ["2,000", "2,750", "2,750", "2,750", "10,250"]


def test_rule_the_excel_preview_shows_expenses_plus_revenues_per_year(cycle, finance):
    from budget_portal.excel import read_sheet
    from proposals.workbook import SHEET, header_for, plan_sheet
    from tests.proposals.test_workbook import as_list, good_row, workbook

    row = good_row("T110", **{"Indtægter 2026": "-0,250", "Indtægter 2027": None})
    sheet = read_sheet(workbook(header_for(cycle), [as_list(cycle, row)]), SHEET)
    plan = plan_sheet(cycle, sheet, user=finance)
    shown = [(y.year, y.net) for y in plan.rows[0].shown_years]
    assert shown == [(2026, "1,250"), (2027, "afventer"), (2028, "1,500"), (2029, "1,500")]


def test_rule_an_amendment_year_nets_its_figures_and_a_blank_field_is_no_change():
    from politics.models import AmendmentYear

    assert AmendmentYear(expenses=500_000, revenues=-200_000).net == 300_000
    assert AmendmentYear(expenses=500_000, revenues=None).net == 500_000
    assert AmendmentYear(expenses=None, revenues=None).net is None
