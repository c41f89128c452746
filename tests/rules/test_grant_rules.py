"""Rules of the expiring-grants overview finance reads: the shortfall per year, and totals that
say when an amount is not yet known."""

from __future__ import annotations

import pytest

from letters.models import CoverLetter, ExpiringGrant, GrantShortfall
from letters.overview import grant_overview
from tests.factories import make_card

pytestmark = pytest.mark.django_db


def test_rule_the_overview_sums_known_shortfalls_and_says_when_one_is_unknown(
    cycle, department_a, department_b
):
    y0, y1, y2 = cycle.year_range[:3]
    letter_b = CoverLetter.objects.create(cycle=cycle, department=department_b, heading="B")
    letter_a = CoverLetter.objects.create(cycle=cycle, department=department_a, heading="A")
    second = ExpiringGrant.objects.create(letter=letter_a, name="Andet", position=1)
    first = ExpiringGrant.objects.create(letter=letter_a, name="Første", position=0)
    other = ExpiringGrant.objects.create(letter=letter_b, name="Børn", position=0)
    GrantShortfall.objects.create(grant=first, year=y0, amount=1_000_000)
    GrantShortfall.objects.create(grant=second, year=y0, amount=250_000)
    GrantShortfall.objects.create(grant=second, year=y1, amount=None)
    GrantShortfall.objects.create(grant=other, year=y1, amount=400_000)
    GrantShortfall.objects.create(grant=other, year=y0 - 1, amount=9_999)  # before the cycle

    overview = grant_overview(cycle)
    names = [row.grant.name for row in overview.rows]
    # By department name (Børn og Familie before Økonomi og Personale), then position.
    assert names == ["Børn", "Første", "Andet"]
    totals = overview.totals()
    assert totals[y0] == (1_250_000, True)
    assert totals[y1] == (400_000, False)
    assert totals[y2] == (0, True)
    assert overview.total_rows[0] == (y0, 1_250_000, True)
    assert [year for year, *_ in overview.total_rows] == cycle.year_range
    cells = {row.grant.name: row.cells for row in overview.rows}
    assert cells["Andet"][:3] == [(True, 250_000), (True, None), (False, None)]
    assert cells["Børn"][0] == (False, None)


def test_rule_grants_at_the_same_position_keep_the_order_they_were_made_in(
    cycle, department_a, department_b
):
    letter = CoverLetter.objects.create(cycle=cycle, department=department_a, heading="A")
    made = [ExpiringGrant.objects.create(letter=letter, name=n, position=0) for n in "CAB"]
    # Put on another department's letter by mistake and back: PostgreSQL writes the row anew
    # at the end of its table and its index, so read in that order the first would come last.
    other = CoverLetter.objects.create(cycle=cycle, department=department_b, heading="B")
    for moved_to in (other, letter):
        made[0].letter = moved_to
        made[0].save()
    assert [row.grant for row in grant_overview(cycle).rows] == made


def test_rule_the_overview_costs_the_same_queries_for_one_grant_or_many(
    cycle, finance, committee, department_a, department_b, django_assert_num_queries
):
    def grants(department, count):
        letter = CoverLetter.objects.create(cycle=cycle, department=department, heading="B")
        for i in range(count):
            # Each continued by a card, which the overview links to.
            card = make_card(by=finance, department=department, committee=committee,
                             number=f"T{department.pk}{i:02}")  # fmt: skip
            grant = ExpiringGrant.objects.create(
                letter=letter, name=f"G{i}", position=i, proposal=card
            )
            GrantShortfall.objects.create(grant=grant, year=cycle.year_range[0], amount=1)

    def read():
        # What the overview page shows of each row.
        rows = grant_overview(cycle).rows
        return [(r.grant.letter.department.name, r.grant.proposal, r.cells) for r in rows]

    grants(department_a, 1)
    with django_assert_num_queries(2) as one:
        read()
    grants(department_b, 4)
    with django_assert_num_queries(len(one.captured_queries)):
        read()
