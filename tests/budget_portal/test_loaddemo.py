"""loaddemo: the seed documents as data, exactly, and safe to run twice."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from budget_portal.models import BudgetCycle, Milestone, OutboxMessage
from hearings.models import Hearing, Response
from politics.models import Membership, Question, QuestionState, Scenario, ScenarioCard
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
    # Beside the seed's cards, the demo's own two workflow cards (U110, U301; see below).
    seed = cycle.proposals.exclude(number__in=["U110", "U301"])
    numbers = sorted(seed.values_list("number", flat=True))
    assert numbers == ["T101", "T102", "T103", "T104", "T105", "T106", "T108", "T109", "T304"]
    assert set(seed.values_list("status", flat=True)) == {Status.RELEASED}
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
    hearings = Hearing.objects.filter(cycle__slug="alleroed-2024")
    assert sorted(hearings.values_list("slug", flat=True)) == [
        "budgetoplaeg-2024-31",
        "effektiviseringskatalog-2024-31",
    ]


def demo_counts() -> tuple[int, ...]:
    return (
        Proposal.objects.count(),
        Revision.objects.count(),
        Milestone.objects.count(),
        Hearing.objects.count(),
        Response.objects.count(),
        Question.objects.count(),
        Scenario.objects.count(),
        ScenarioCard.objects.count(),
        Membership.objects.count(),
        OutboxMessage.objects.count(),
    )


def test_loaddemo_twice_changes_nothing(demo):
    counts = demo_counts()
    call_command("loaddemo", verbosity=0)
    assert counts == demo_counts()


def test_demo_users_log_in_with_their_roles(demo, client):
    for username, group in (
        ("okonomi", "okonomi"),
        ("afdeling", "afdeling"),
        ("politiker", "politiker"),
        ("politiker2", "politiker"),
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


def log_in(client, username: str) -> None:
    client.get(reverse("login"))
    client.post(reverse("login"), {"username": username, "password": "budget2026"})


NORDDJURS_HEARING = "/hoeringer/norddjurs-2026-tekniske-korrektioner/"


def test_a_citizen_can_answer_the_norddjurs_hearing_at_once(demo, client):
    hearing = Hearing.objects.get(cycle__slug="norddjurs-2026")
    assert hearing.is_open()
    assert sorted(c.number for c in hearing.cards.all()) == ["T101", "T105", "T109"]
    listing = client.get(reverse("hearings:list")).content.decode()
    assert "Høring om tekniske korrektioner i budget 2026-2029" in listing
    page = client.get(NORDDJURS_HEARING).content.decode()
    assert "Send et høringssvar" in page
    assert "T105 IT- og Cybersikkerhed (NIS2)" in page
    # One response is published already, the other waits for finance.
    assert "Ældrerådet" in page
    assert "Mette Madsen" not in page
    assert [r.state for r in hearing.responses.all()] == [
        Response.State.PUBLISHED,
        Response.State.RECEIVED,
    ]


def test_finance_finds_the_response_awaiting_moderation(demo, client):
    log_in(client, "okonomi")
    page = client.get(NORDDJURS_HEARING + "moderation/").content.decode()
    assert "Mette Madsen" in page
    assert "hvorfor koster det mere i 2026" in page


def test_the_amendment_deadline_is_ahead_and_on_the_calendar(demo, client):
    cycle = BudgetCycle.objects.get(slug="norddjurs-2026")
    deadline = cycle.amendment_deadline
    assert deadline.title == "Frist for partiernes ændringsforslag"
    assert deadline.deadline_moment() > timezone.now() + timedelta(days=13)
    calendar = client.get(reverse("calendar", args=[cycle.slug])).content.decode()
    assert "Frist for partiernes ændringsforslag" in calendar
    log_in(client, "politiker")
    page = client.get(reverse("politics:amendments", args=[cycle.slug])).content.decode()
    assert "Aflever et ændringsforslag" in page
    day = date_format(deadline.last_day, "j. F Y")
    assert f"Ændringsforslag kan indsendes til og med {day} kl. 12.00." in page


def test_budget_questions_in_every_state(demo):
    questions = Question.objects.filter(cycle__slug="norddjurs-2026").order_by("number")
    assert [q.state for q in questions] == [
        QuestionState.RELEASED,
        QuestionState.ANSWERED,
        QuestionState.ASSIGNED,
        QuestionState.ASKED,
    ]
    released, draft, assigned, asked = questions
    assert released.released_at and released.answer
    assert draft.answer and draft.released_at is None
    assert assigned.department.name == "Økonomi og Personale"
    assert assigned.deadline > timezone.localdate()
    assert not assigned.answer
    assert asked.department is None
    # Asked from both parties, so each politician sees the own party's open questions.
    assert {q.party.letter for q in questions} == {"A", "V"}


def test_two_politicians_in_two_parties_each_with_a_scenario(demo, client):
    parties = dict(Membership.objects.values_list("user__username", "party__letter"))
    assert parties == {"politiker": "A", "politiker2": "V"}
    scenarios = Scenario.objects.filter(cycle__slug="norddjurs-2026")
    assert sorted((s.party.letter, s.name) for s in scenarios) == [
        ("A", "Socialdemokratiets udspil"),
        ("V", "Venstres udspil"),
    ]
    assert all(s.entries.exists() for s in scenarios)
    log_in(client, "politiker2")
    page = client.get(reverse("politics:scenarios", args=["norddjurs-2026"])).content.decode()
    assert "Venstres udspil" in page
    assert "Socialdemokratiets udspil" not in page


def test_a_draft_for_the_editor_and_a_submitted_card_for_finance(demo, client):
    u110, u301 = card("U110"), card("U301")
    assert (u110.status, u110.department.name) == (Status.DRAFT, "Økonomi og Personale")
    assert (u301.status, u301.department.name) == (Status.SUBMITTED, "Børn og Familie")
    assert "Demokort" in u110.background
    log_in(client, "afdeling")
    page = client.get(u110.get_absolute_url()).content.decode()
    assert "Rediger kortet" in page and "Send til Økonomi" in page
    client.post(reverse("logout"))
    log_in(client, "okonomi")
    assert "Frigiv til politikerne" in client.get(u301.get_absolute_url()).content.decode()
    # The public sees neither until finance releases them.
    client.post(reverse("logout"))
    assert client.get(u301.get_absolute_url()).status_code == 404


def test_a_later_run_reanchors_the_hearing_and_the_deadline(demo):
    # As if loaddemo last ran two months ago: the hearing closed, the deadline passed.
    hearing = Hearing.objects.get(cycle__slug="norddjurs-2026")
    long_ago = timezone.now() - timedelta(days=60)
    Hearing.objects.filter(pk=hearing.pk).update(
        opens_at=long_ago, closes_at=long_ago + timedelta(days=28)
    )
    cycle = BudgetCycle.objects.get(slug="norddjurs-2026")
    Milestone.objects.filter(pk=cycle.amendment_deadline_id).update(
        starts_on=long_ago.date() + timedelta(days=14)
    )
    counts = demo_counts()
    call_command("loaddemo", verbosity=0)
    hearing.refresh_from_db()
    cycle.refresh_from_db()
    assert hearing.is_open()
    assert cycle.amendment_deadline.deadline_moment() > timezone.now()
    assert demo_counts() == counts
