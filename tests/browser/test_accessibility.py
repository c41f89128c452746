"""An axe sweep over the pages people use that have no journey of their own."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from budget_portal.demo import load_calendar
from budget_portal.models import BudgetCycle
from hearings.models import Hearing
from implementation.models import Case, ImplementationPlan, ItemKind, PlanGroup, PlanItem
from letters.models import CoverLetter, ExpiringGrant, GrantShortfall
from politics.questions import ask_question, assign_question
from tests.browser.conftest import assert_accessible, log_in


@pytest.fixture
def site(transactional_db, cycle, finance, department_a, politician_a, seed_cards):
    load_calendar()
    hearing = Hearing.objects.create(
        cycle=cycle,
        slug="hoering",
        title="Høring om katalog",
        opens_at=timezone.now() - timedelta(days=1),
        closes_at=timezone.now() + timedelta(days=1),
    )
    hearing.cards.add(seed_cards["T101"])
    letter = CoverLetter.objects.create(
        cycle=cycle, department=department_a, heading="Brev", intro="Indledning."
    )
    grant = ExpiringGrant.objects.create(letter=letter, name="Security Tech Space")
    GrantShortfall.objects.create(grant=grant, year=2027, amount=1_000_000)
    plan = ImplementationPlan.objects.create(cycle=cycle, title="Udmøntningsplan", released=True)
    PlanItem.objects.create(
        group=PlanGroup.objects.create(plan=plan, name="Skoler"),
        title="Punkt",
        kind=ItemKind.OPERATING,
    )
    case = Case.objects.create(
        cycle=cycle, number="23/9260", title="Udmøntningsplan", presentation="Tekst."
    )
    question = ask_question(cycle, by=politician_a, text="Hvad koster det?")
    assign_question(question, by=finance, department=department_a, deadline=date(2026, 10, 1))
    return {
        "cycle": cycle,
        "hearing": hearing,
        "letter": letter,
        "case": case,
        "question": question,
        "alleroed": BudgetCycle.objects.get(slug="alleroed-2024"),
    }


def test_public_pages(page, site):
    c = site["cycle"].slug
    for path in (
        "/",
        f"/budget/{c}/forslag/",
        "/budget/alleroed-2024/kalender/",
        "/hoeringer/",
        "/hoeringer/hoering/",
        f"/budget/{c}/udmoentningsplan/",
        site["case"].get_absolute_url(),
        "/log-ind/",
        "/adgangskode/glemt/",
        "/privatlivspolitik/",
        "/tilgaengelighedserklaering/",
        "/data/",
    ):
        page.goto(path)
        assert_accessible(page)


def test_finance_pages(page, site, finance):
    c = site["cycle"].slug
    log_in(page, finance.username)
    for path in (
        f"/budget/{c}/forslag/ny/",
        f"/budget/{c}/forslag/T101/historik/",
        f"/budget/{c}/forslag/T101/historik/sammenlign/",
        f"/budget/{c}/excel/",
        site["letter"].get_absolute_url(),
        f"/budget/{c}/foelgebreve/{site['letter'].pk}/rediger/",
        f"/budget/{c}/udloebende-bevillinger/",
        "/hoeringer/hoering/moderation/",
        "/hoeringer/persondata/?email=karen@example.dk",
        f"/politik/{c}/maal/",
        site["question"].get_absolute_url(),
        "/budget/alleroed-2024/udmoentningsplan/",  # no plan yet: where to create it
    ):
        page.goto(path)
        assert_accessible(page)


def test_politician_pages(page, site, politician_a):
    c = site["cycle"].slug
    log_in(page, politician_a.username)
    for path in (
        f"/politik/{c}/",
        f"/politik/{c}/spoergsmaal/",
        f"/politik/{c}/spoergsmaal/svar/",
        f"/politik/{c}/aendringsforslag/",
        f"/budget/{c}/forslag/T105/",
    ):
        page.goto(path)
        assert_accessible(page)
