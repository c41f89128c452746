"""A cycle with cards in every status, a calendar, and responses in every state."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import date, time, timedelta

import pytest
from django.utils import timezone

from budget_portal.models import Milestone, MilestoneKind, Phase
from hearings.models import Hearing
from hearings.services import Submission, publish_response, reject_response, submit_response
from proposals.models import Status
from tests.factories import make_card

SECRET = "Hemmelig kladde om lukning af Ærøskolen"


def respond(hearing, text, *, consent=True, org="", name="Karen Østergaard", cards=()):
    response, _ = submit_response(
        hearing,
        Submission(name, org, f"{uuid.uuid4().hex[:8]}@example.dk", text, consent, list(cards),
                   None, uuid.uuid4()),
        client_ip="192.0.2.1",
    )  # fmt: skip
    return response


@pytest.fixture
def open_world(cycle, finance, department_a, committee, hearing):
    def card(number, status, **kw):
        return make_card(by=finance, department=department_a, committee=committee,
                         number=number, status=status, **kw)  # fmt: skip

    cards = {
        "released": card("T101", Status.RELEASED, title="Ældrepleje på Ærø – større råderum",
                         net=2_000_000, revenues=-250_000, fte="0.54"),
        "adopted": card("A102", Status.ADOPTED, title="Ny skole i Ødis"),
        "rejected": card("E103", Status.REJECTED, title="Færre åbningstimer", net=-400_000),
        "formula": card("T104", Status.RELEASED, title='=HYPERLINK("http://x.invalid","klik")'),
        "pending": card("T105", Status.RELEASED, title="Tal kommer i juni", net=None),
        "draft": card("T199", Status.DRAFT, title=SECRET),
        "submitted": card("T198", Status.SUBMITTED, title="Indsendt, ikke frigivet"),
        "withdrawn": card("T197", Status.WITHDRAWN, title="Trukket forslag"),
    }  # fmt: skip
    hearing.cards.add(cards["draft"])
    phase = Phase.objects.create(cycle=cycle, number=1, name="Afklaring og kvalificering")
    Milestone.objects.create(cycle=cycle, phase=phase, kind=MilestoneKind.DEADLINE,
                             title="Frist for ændringsforslag", starts_on=date(2026, 9, 1),
                             at_time=time(12, 0), bodies="Byrådet")  # fmt: skip
    Milestone.objects.create(cycle=cycle, kind=MilestoneKind.HEARING, title="Høringsperiode",
                             starts_on=date(2026, 8, 14), ends_on=date(2026, 9, 9))  # fmt: skip
    published = respond(
        hearing,
        "Bevar svømmehallen i Ærøskøbing.",
        org="Svømmeklubben Delfinen",
        cards=[cards["released"], cards["draft"]],
    )
    publish_response(published, by=finance)
    redacted = respond(hearing, "Mit CPR er 010101-1234, luk ikke hallen.")
    publish_response(redacted, by=finance, published_text="Luk ikke hallen.")
    unpublished = respond(hearing, "Upubliceret svar, der venter.")
    no_consent = respond(hearing, "Svar uden samtykke.", consent=False)
    rejected = respond(hearing, "Afvist svar.")
    reject_response(rejected, by=finance, reason="Uvedkommende")
    other = Hearing.objects.create(
        cycle=cycle, slug="kommende", title="Kommende høring",
        opens_at=timezone.now() + timedelta(days=10),
        closes_at=timezone.now() + timedelta(days=20),
    )  # fmt: skip
    return {
        "cards": cards,
        "hearing": hearing,
        "coming": other,
        "published": published,
        "redacted": redacted,
        "hidden": [unpublished, no_consent, rejected],
    }


def read_csv(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))
