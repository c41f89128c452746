"""The import writes in bulk: the same rows, revisions and refusals, in a few statements."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from budget_portal.figures import YearValues
from proposals.models import Proposal, Revision
from proposals.revisions import snapshot
from proposals.services import revise_proposal
from proposals.workbook import ImportRefused, apply_import, header_for, plan_import
from tests.factories import make_card
from tests.proposals.test_workbook import as_list, good_row, workbook


@pytest.fixture
def world(finance, department_a, department_b, committee, committee_b, cycle):
    return cycle


def import_queries(cycle, finance, department_a, committee, prefix: str, count: int) -> int:
    """Statements for an import of COUNT rows: COUNT // 2 new cards and as many changed."""
    changed = [f"{prefix}{n:03d}" for n in range(count // 2)]
    for number in changed:
        make_card(by=finance, department=department_a, committee=committee, number=number)
    new = [f"{prefix}{n:03d}" for n in range(count // 2, count)]
    rows = [as_list(cycle, good_row(n, Titel=f"Ny titel {n}")) for n in changed + new]
    plan = plan_import(cycle, workbook(header_for(cycle), rows), user=finance)
    assert plan.ok and (plan.created_count, plan.updated_count) == (count // 2, count // 2)
    with CaptureQueriesContext(connection) as queries:
        assert apply_import(plan, by=finance) == (count // 2, count // 2)
    return len(queries)


def test_the_statements_of_an_import_do_not_grow_with_its_rows(
    world, finance, department_a, committee
):
    few = import_queries(world, finance, department_a, committee, "T1", 4)
    many = import_queries(world, finance, department_a, committee, "T2", 60)
    assert many == few
    assert few < 25


def test_bulk_revisions_are_the_cards_as_saved(world, finance, department_a, committee):
    cycle = world
    old = make_card(by=finance, department=department_a, committee=committee, number="T101")
    before = Proposal.objects.get(pk=old.pk).updated_at
    rows = [
        as_list(cycle, good_row("T101", Titel="Ny titel", **{"Udgifter 2027": "3,000"})),
        as_list(cycle, good_row("T110")),
    ]
    plan = plan_import(cycle, workbook(header_for(cycle), rows), user=finance)
    assert apply_import(plan, by=finance) == (1, 1)

    changed = Proposal.objects.get(number="T101")
    assert changed.version == 2
    assert changed.updated_at > before  # the card list's cache key moves
    latest = changed.revisions.first()
    assert (latest.number, latest.action, latest.author) == (2, "Redigeret", finance)
    assert latest.snapshot == snapshot(changed)
    assert "Titel" in latest.changed and "Udgifter 2027" in latest.changed
    assert changed.ordered_years()[1].expenses == 3_000_000

    new = Proposal.objects.get(number="T110")
    assert (new.version, new.status) == (1, "kladde")
    only = new.revisions.get()
    assert (only.number, only.action, only.changed) == (1, "Oprettet", [])
    assert only.snapshot == snapshot(new)
    assert [y.year for y in new.ordered_years()] == list(cycle.year_range)
    assert Revision.objects.count() == 3  # T101's first, its change, T110's


def test_a_card_changed_after_the_preview_is_named_and_nothing_saved(
    world, finance, department_a, committee
):
    cycle = world
    card = make_card(by=finance, department=department_a, committee=committee, number="T101")
    rows = [
        as_list(cycle, good_row("T110")),
        as_list(cycle, good_row("T101", Titel="Fra Excel")),
    ]
    plan = plan_import(cycle, workbook(header_for(cycle), rows), user=finance)
    assert plan.ok
    card.refresh_from_db()
    revise_proposal(  # someone edits T101 in the portal meanwhile
        card, by=finance, fields={"title": "Fra portalen"},
        years={2026: YearValues(1, 0, None)}, based_on_version=card.version,
    )  # fmt: skip
    with pytest.raises(ImportRefused) as refused:
        apply_import(plan, by=finance)
    assert str(refused.value) == (
        "Række 3 (T101): kortet er ændret af en anden efter forhåndsvisningen. "
        "Intet er gemt; se forhåndsvisningen igen."
    )
    assert not Proposal.objects.filter(number="T110").exists()
    assert Proposal.objects.get(number="T101").title == "Fra portalen"
