"""The card list: totals per year and the query count as the list grows."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from proposals.models import Proposal, Status
from tests.conftest import client_for
from tests.factories import make_card


def test_totals_per_year_split_by_frame_and_committee(
    finance, department_a, department_b, committee, committee_b, cycle
):
    make_card(
        by=finance,
        department=department_a,
        committee=committee,
        number="T101",
        net=2_000_000,
        fte="1",
    )
    make_card(
        by=finance,
        department=department_a,
        committee=committee,
        number="T104",
        net=600_000,
        service_frame="nej",
    )
    make_card(by=finance, department=department_b, committee=committee_b, number="R301",
              net=-1_500_000, revenues=-500_000, fte="-0.5")  # fmt: skip
    totals = Proposal.objects.filter(cycle=cycle).totals(cycle)
    year = totals.all[2026]
    assert (year.expenses, year.revenues, year.net) == (1_600_000, -500_000, 1_100_000)
    assert year.fte == Decimal("0.5")
    assert totals.frame["ja"][2026].net == 500_000
    assert totals.frame["nej"][2026].net == 600_000
    by_name = {name: per_year[2029].net for name, per_year in totals.committees.values()}
    assert by_name == {"Økonomiudvalget": 2_600_000, "Børne- og Familieudvalget": -1_500_000}
    assert totals.complete
    assert totals.other_price_years == []


def test_totals_say_when_figures_are_missing(finance, department_a, committee, cycle, client):
    make_card(by=finance, department=department_a, committee=committee, number="T101")
    make_card(by=finance, department=department_a, committee=committee, number="T103", net=None,
              revenues=None, status=Status.RELEASED)  # fmt: skip
    totals = Proposal.objects.filter(cycle=cycle).totals(cycle)
    assert not totals.complete
    assert totals.all[2026].net == 1_000_000
    page = client.get(reverse("proposals:list", kwargs={"cycle_slug": cycle.slug})).content.decode()
    assert "Totalerne er ufuldstændige" in page
    assert "afventer" in page


def test_list_warns_when_price_years_are_mixed(finance, department_a, committee, cycle, client):
    make_card(by=finance, department=department_a, committee=committee, number="T105",
              status=Status.RELEASED)  # fmt: skip
    make_card(by=finance, department=department_a, committee=committee, number="T106",
              price_year=2025, status=Status.RELEASED)  # fmt: skip
    page = client.get(reverse("proposals:list", kwargs={"cycle_slug": cycle.slug})).content.decode()
    assert "ikke alle i samme prisniveau" in page
    assert "2025-priser" in page


def test_filters_narrow_cards_and_totals(finance, department_a, committee, cycle, client):
    make_card(by=finance, department=department_a, committee=committee, number="T101",
              status=Status.RELEASED)  # fmt: skip
    make_card(by=finance, department=department_a, committee=committee, number="A108",
              net=-950_000, service_frame="nej", status=Status.RELEASED)  # fmt: skip
    response = client.get(
        reverse("proposals:list", kwargs={"cycle_slug": cycle.slug}), {"serviceramme": "nej"}
    )
    assert [c.number for c in response.context["cards"]] == ["A108"]
    assert response.context["totals"].all[2026].net == -950_000


@pytest.mark.parametrize("who", [None, "finance", "editor_a"])
def test_list_query_count_does_not_grow_with_cards(
    who, request, finance, department_a, committee, committee_b, department_b, cycle, client,
    django_assert_num_queries,
):  # fmt: skip
    if who:
        client_for(client, request.getfixturevalue(who))
    url = reverse("proposals:list", kwargs={"cycle_slug": cycle.slug})

    def count_queries() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    for n in range(3):
        make_card(by=finance, department=department_a, committee=committee,
                  number=f"T1{n:02d}", status=Status.RELEASED)  # fmt: skip
    small = count_queries()
    for n in range(3, 40):
        dept, com = (department_a, committee) if n % 2 else (department_b, committee_b)
        make_card(by=finance, department=dept, committee=com, number=f"T1{n:02d}",
                  status=Status.RELEASED)  # fmt: skip
    with django_assert_num_queries(small):
        assert client.get(url).status_code == 200
    assert "40 forslag" in client.get(url).content.decode()
