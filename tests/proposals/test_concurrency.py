"""Two people save the same card at the same moment: one save wins, the other is refused."""

from __future__ import annotations

import threading
from decimal import Decimal

import pytest
from django.db import connection, connections

from budget_portal.concurrency import StaleEdit
from budget_portal.figures import YearValues
from proposals.models import Proposal
from proposals.services import revise_proposal
from tests.factories import make_card


@pytest.mark.django_db(transaction=True)
def test_simultaneous_saves_keep_exactly_one(finance, department_a, committee):
    if connection.vendor == "sqlite" and connection.settings_dict["NAME"].startswith("file:"):
        pytest.skip("in-memory SQLite shares one connection between threads")
    card = make_card(by=finance, department=department_a, committee=committee, number="T101")
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def save(amount: int) -> None:
        try:
            barrier.wait()
            revise_proposal(
                Proposal.objects.get(pk=card.pk),
                by=finance,
                fields={},
                years={2026: YearValues(amount, 0, Decimal(0))},
                based_on_version=1,
            )
            outcomes.append("saved")
        except StaleEdit:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=(a,)) for a in (5_000_000, 7_000_000)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert sorted(outcomes) == ["refused", "saved"]
    card.refresh_from_db()
    assert card.version == 2
    assert card.revisions.count() == 2
    assert card.ordered_years()[0].expenses in (5_000_000, 7_000_000)
