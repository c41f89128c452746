"""Rules of naming a budget cycle on the command line: by slug, or by a first year that only
one cycle has."""

from __future__ import annotations

import pytest
from django.core.management.base import CommandError

from budget_portal.cycles import cycle_from_arg
from tests.factories import CycleFactory

pytestmark = pytest.mark.django_db


def test_rule_a_cycle_is_found_by_slug_or_by_its_unique_first_year():
    cycle = CycleFactory(slug="norddjurs-2026", first_year=2026)
    assert cycle_from_arg("norddjurs-2026") == cycle
    assert cycle_from_arg("2026") == cycle


def test_rule_a_first_year_two_cycles_share_names_both_instead_of_guessing():
    CycleFactory(slug="norddjurs-2026", first_year=2026)
    CycleFactory(slug="syddjurs-2026", first_year=2026)
    with pytest.raises(CommandError) as refused:
        cycle_from_arg("2026")
    assert str(refused.value) in (
        "Flere budgetår starter i 2026: brug et af norddjurs-2026, syddjurs-2026.",
        "Flere budgetår starter i 2026: brug et af syddjurs-2026, norddjurs-2026.",
    )


@pytest.mark.parametrize("typed", ["2031", "ukendt-2026"])
def test_rule_an_unknown_cycle_is_named_in_the_error(typed):
    CycleFactory(slug="norddjurs-2026", first_year=2026)
    with pytest.raises(CommandError) as refused:
        cycle_from_arg(typed)
    assert str(refused.value) == f"Budgetåret '{typed}' findes ikke."
