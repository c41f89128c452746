"""loaddemo: the seed documents as data, exactly, and safe to run twice."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.urls import reverse

from budget_portal.models import BudgetCycle, Milestone
from hearings.models import Hearing
from proposals.models import Proposal, Revision, Status


@pytest.fixture
def demo(db, settings):
    settings.DEBUG = True
    call_command("loaddemo", verbosity=0)


def card(number: str) -> Proposal:
    return Proposal.objects.for_listing().get(cycle__slug="norddjurs-2026", number=number)


def nets(number: str) -> list[int | None]:
    return [y.net for y in card(number).ordered_years()]


def test_norddjurs_cards_are_the_seed_cards(demo):
    cycle = BudgetCycle.objects.get(slug="norddjurs-2026")
    assert (cycle.municipality, cycle.name, cycle.first_year, cycle.years) == (
        "Norddjurs Kommune", "Budget 2026-2029", 2026, 4)  # fmt: skip
    numbers = sorted(cycle.proposals.values_list("number", flat=True))
    assert numbers == ["T101", "T102", "T103", "T104", "T105", "T106", "T108", "T109", "T304"]
    assert set(cycle.proposals.values_list("status", flat=True)) == {Status.RELEASED}
    assert nets("T101") == [2_000_000] * 4
    assert nets("T102") == [880_000] * 4
    assert nets("T104") == [600_000] * 4
    assert nets("T105") == [3_100_000, 2_900_000, 2_900_000, 2_900_000]
    assert nets("T106") == [500_000] * 4
    assert nets("T108") == [423_000] * 4
    assert nets("T109") == [3_800_000] * 4
    assert nets("T304") == [245_000] * 4


def test_seed_quirks_survive(demo):
    t103 = card("T103")
    assert nets("T103") == [None] * 4
    assert t103.pending_note == "Opdateres med tal i juni."
    t104 = card("T104")
    assert t104.service_frame == "nej"
    t106 = card("T106")
    assert (t106.price_year, t106.service_frame) == (2025, "ja")
    assert [y.fte for y in t106.ordered_years()] == [Decimal(1)] * 4
    t304 = card("T304")
    assert [y.fte for y in t304.ordered_years()] == [Decimal("0.54")] * 4
    assert (t304.service_frame, t304.service_frame_note) == ("delvis", "Ja/nej")
    assert t304.committee.number == 3
    t101 = card("T101")
    assert t101.title == "Digital udvikling KOMBIT projekter"
    assert t101.start_date.isoformat() == "2026-01-01"
    assert "Sundhed.dk og Borger.dk" in t101.background
    assert t101.consequences == (
        "I 2026 og oversalgsårene flyttes 2,0 mio. kr. fra anlæg til drift."
    )
    assert "1.8 mio. kr." in card("T105").consequences
    assert "155.938" in card("T108").consequences


def test_the_public_reads_the_pending_card(client, demo):
    html = client.get(reverse("proposals:detail", args=["norddjurs-2026", "T103"])).content.decode()
    assert "Administrationsbidrag til Udbetaling Danmark" in html
    assert "afventer" in html
    assert "*Opdateres med tal i juni." in html


def test_alleroed_calendar_and_hearings(demo):
    assert Milestone.objects.filter(cycle__slug="alleroed-2024").count() == 17
    assert sorted(Hearing.objects.values_list("slug", flat=True)) == [
        "budgetoplaeg-2024-31",
        "effektiviseringskatalog-2024-31",
    ]


def test_loaddemo_twice_changes_nothing(demo):
    counts = (Proposal.objects.count(), Revision.objects.count(), Milestone.objects.count(),
              Hearing.objects.count())  # fmt: skip
    call_command("loaddemo", verbosity=0)
    assert counts == (Proposal.objects.count(), Revision.objects.count(),
                      Milestone.objects.count(), Hearing.objects.count())  # fmt: skip


def test_demo_users_log_in_with_their_roles(demo):
    for username, group in (("okonomi", "okonomi"), ("afdeling", "afdeling"),
                            ("politiker", "politiker")):  # fmt: skip
        user = authenticate(username=username, password="budget2026")
        assert user is not None
        assert user.groups.filter(name=group).exists()
    assert authenticate(username="admin", password="budget2026").is_superuser


def test_loaddemo_refuses_production(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="kendte adgangskoder"):
        call_command("loaddemo")
