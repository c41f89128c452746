"""loaddemo: the seed documents as data, exactly, and safe to run twice."""

from __future__ import annotations

from decimal import Decimal

import pytest
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
        "Norddjurs Kommune",
        "Budget 2026-2029",
        2026,
        4,
    )
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
    counts = (
        Proposal.objects.count(),
        Revision.objects.count(),
        Milestone.objects.count(),
        Hearing.objects.count(),
    )
    call_command("loaddemo", verbosity=0)
    assert counts == (
        Proposal.objects.count(),
        Revision.objects.count(),
        Milestone.objects.count(),
        Hearing.objects.count(),
    )


def test_demo_users_log_in_with_their_roles(demo, client):
    for username, group in (
        ("okonomi", "okonomi"),
        ("afdeling", "afdeling"),
        ("politiker", "politiker"),
        ("admin", None),
    ):
        client.get(reverse("login"))
        client.post(reverse("login"), {"username": username, "password": "budget2026"})
        user = client.get(reverse("home")).wsgi_request.user
        assert user.username == username
        assert user.is_superuser if group is None else user.groups.filter(name=group).exists()
        client.post(reverse("logout"))


def test_loaddemo_refuses_production(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="kendte adgangskoder"):
        call_command("loaddemo")


def test_aarhus_letters_from_seeds_000_and_001(client, demo):
    from letters.models import CoverLetter

    old = CoverLetter.objects.get(cycle__slug="aarhus-2024")
    assert old.cycle.municipality == "Aarhus Kommune"
    assert old.department.name == "Borgmesterens Afdeling"
    assert [t.heading for t in old.themes.all()] == [
        "Den økonomiske situation",
        "De vilde problemer",
        "Cybersikkerhed",
        "IT og digitalisering",
        "Tryghed",
    ]
    assert old.attachments.count() == 2
    assert [(s.name, s.title) for s in old.signatures.all()] == [
        ("Jacob Bundsgaard", "Borgmester"),
        ("Eddie Dydensborg", "Økonomidirektør"),
    ]
    new = CoverLetter.objects.get(cycle__slug="aarhus-2026")
    headings = [t.heading for t in new.themes.all()]
    assert headings[:3] == ["AI", "Cybersikkerhed", "Udgifter til beredskab"]
    assert any("CSR" in h for h in headings)
    sts = new.grants.get(name__startswith="Security Tech Space")
    assert sts.decision_date.isoformat() == "2023-08-17"
    assert sts.decision_amount == 6_600_000
    assert {s.year: s.amount for s in sts.shortfalls.all()}.get(2027) == 1_000_000
    html = client.get(new.get_absolute_url()).content.decode()
    assert "Udløb af bevillinger" in html and "Security Tech Space" in html
    pdf = client.get(reverse("letters:pdf", args=["aarhus-2026", new.pk]), follow=True)
    import io

    from pypdf import PdfReader

    text = "\n".join(
        p.extract_text() for p in PdfReader(io.BytesIO(b"".join(pdf.streaming_content))).pages
    )
    assert "Security Tech Space" in text and "Aarhus Kommune" in text


def test_norddjurs_plan_and_case_from_seed_002(client, demo):
    from implementation.models import Case, ImplementationPlan

    plan = ImplementationPlan.objects.get(cycle__slug="norddjurs-2024")
    assert [g.name for g in plan.groups.all()] == [
        "Økonomisk Politik",
        "Effektiviseringer",
        "Skoler og dagtilbud",
        "Kultur, fritid og mødesteder",
        "Erhverv, branding og trafik",
        "Klima, miljø og byg",
        "Hensigtserklæringer til kommende års budgetforhandlinger",
    ]
    assert all(g.items.exists() for g in plan.groups.all())
    assert plan.groups.filter(items__completed=True).exists()
    case = Case.objects.get(number="23/9260")
    assert (case.routing, case.is_open) == ("ØK, KB", True)
    decisions = [
        (t.body, t.meeting_date.isoformat(), t.decision.split("\n")[0])
        for t in case.treatments.all()
    ]
    assert decisions[:2] == [
        ("Økonomiudvalget", "2023-12-05", "Tiltrådt."),
        ("Kommunalbestyrelsen", "2023-12-12", "Godkendt."),
    ]
    assert decisions[2][:2] == ("Hovedudvalget", "2024-02-29")
    kb, hu = case.treatments.all()[1], case.treatments.all()[2]
    assert [str(a) for a in kb.absences.all()] == ["Niels Basballe (A)"]
    assert hu.absences.count() == 3
    html = client.get(case.get_absolute_url()).content.decode()
    assert "Beslutning i Kommunalbestyrelsen den 12-12-2023" in html
    assert "Niels Basballe (A)" in html
