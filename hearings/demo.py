"""Demo hearings: Allerød's two hearing periods of 2023 (seed 004), linked to the calendar,
and an open one on Norddjurs' catalog for the journeys."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from budget_portal.demo import aware, load_calendar, read_fixture
from budget_portal.models import BudgetCycle, Milestone, MilestoneKind
from hearings.models import Hearing, Response
from hearings.services import Submission, publish_response, submit_response
from proposals.models import Proposal


@transaction.atomic
def load_hearings(fixture: str = "alleroed_2024.json") -> str:
    data = read_fixture(fixture)
    load_calendar(fixture)
    cycle = BudgetCycle.objects.get(slug=data["cycle"]["slug"])
    for spec in data["hearings"]:
        Hearing.objects.update_or_create(
            slug=spec["slug"],
            defaults={
                "cycle": cycle,
                "title": spec["title"],
                "text": spec["text"],
                "opens_at": aware(spec["opens_at"]),
                "closes_at": aware(spec["closes_at"]),
                "milestone": cycle.milestones.filter(date_label=spec["milestone"]).first(),
            },
        )
    return f"{cycle}: {len(data['hearings'])} høringer."


# Not in the seed: an open hearing on Norddjurs' catalog, so a citizen can answer at once,
# with one response already published and one awaiting finance's moderation. Its dates are
# re-anchored to the day loaddemo runs (open since a week ago, closing in three weeks), so
# the hearing is open whenever the demo is started; the responses are made once.
NORDDJURS_HEARING = "norddjurs-2026-tekniske-korrektioner"
NORDDJURS_RESPONSES = (
    # (fixed submission key, so a second run finds it; name, organisation, text, card, publish)
    (
        uuid.UUID("7d0c1f64-6f0b-4d7e-9a52-0d2b6f1e0001"),
        "Jens Jensen",
        "Ældrerådet",
        "Vi støtter, at borger.dk og sundhed.dk får de midler, der skal til. Mange ældre "
        "bruger dem hver dag.",
        "T101",
        True,
    ),
    (
        uuid.UUID("7d0c1f64-6f0b-4d7e-9a52-0d2b6f1e0002"),
        "Mette Madsen",
        "",
        "Cybersikkerhed er vigtig, men hvorfor koster det mere i 2026 end i de andre år?",
        "T105",
        False,
    ),
)


def anchored(day: date, days: int, at: time) -> datetime:
    return timezone.make_aware(datetime.combine(day + timedelta(days=days), at))


@transaction.atomic
def load_norddjurs_hearing() -> str:
    cycle = BudgetCycle.objects.get(slug="norddjurs-2026")
    today = timezone.localdate()
    opens_at, closes_at = anchored(today, -7, time(8)), anchored(today, 21, time(12))
    milestone, _ = Milestone.objects.update_or_create(
        cycle=cycle,
        title="Høring om de tekniske korrektioner",
        defaults={
            "kind": MilestoneKind.HEARING,
            "text": "Borgere og organisationer kan sende høringssvar om kortene.",
            "starts_on": opens_at.date(),
            "ends_on": closes_at.date(),
            "at_time": time(12),
        },
    )
    hearing, _ = Hearing.objects.update_or_create(
        slug=NORDDJURS_HEARING,
        defaults={
            "cycle": cycle,
            "title": "Høring om tekniske korrektioner i budget 2026-2029",
            "text": "Norddjurs Kommune hører borgere og organisationer om tre af de tekniske "
            "korrektioner. Skriv, hvad du mener, og vælg de kort, dit svar handler om.",
            "opens_at": opens_at,
            "closes_at": closes_at,
            "milestone": milestone,
        },
    )
    cards = {c.number: c for c in Proposal.objects.filter(cycle=cycle, number__in=HEARD_CARDS)}
    hearing.cards.add(*cards.values())
    finance = get_user_model().objects.get(username="okonomi")
    for key, name, organisation, text, number, publish in NORDDJURS_RESPONSES:
        submission = Submission(
            name=name,
            organisation=organisation,
            email=f"{name.split()[0].lower()}@example.dk",
            text=text,
            consent=True,
            cards=[cards[number]],
            attachment=None,
            submission_key=key,
        )
        response, created = submit_response(hearing, submission, client_ip="192.0.2.1")
        if created and publish:
            publish_response(response, by=finance)
    waiting = hearing.responses.filter(state=Response.State.RECEIVED).count()
    return f"{hearing}: åben til {closes_at:%d-%m-%Y}, {waiting} svar venter på behandling."


HEARD_CARDS = ("T101", "T105", "T109")
