from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from hearings.models import Hearing
from proposals.models import Status
from tests.factories import make_card


@pytest.fixture
def hearing(cycle, finance, department_a, committee):
    card = make_card(
        by=finance,
        department=department_a,
        committee=committee,
        number="R101",
        title="Lukning af svømmehal",
        net=-2_000_000,
        status=Status.RELEASED,
    )
    hearing = Hearing.objects.create(
        cycle=cycle,
        slug="effektiviseringskatalog",
        title="Høring om effektiviseringskatalog",
        text="Kataloget er i høring.",
        opens_at=timezone.now() - timedelta(days=2),
        closes_at=timezone.now() + timedelta(days=5),
    )
    hearing.cards.add(card)
    return hearing
