"""Amendments before the calendar's deadline; after it a clear refusal and nothing stored."""

from __future__ import annotations

import io
from datetime import time, timedelta

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from budget_portal.models import Milestone, MilestoneKind
from politics.models import Amendment
from tests.conftest import client_for


@pytest.fixture
def deadline(cycle):
    milestone = Milestone.objects.create(
        cycle=cycle,
        kind=MilestoneKind.DEADLINE,
        title="Frist for ændringsforslag",
        starts_on=timezone.localdate() + timedelta(days=2),
        at_time=time(12, 0),
    )
    cycle.amendment_deadline = milestone
    cycle.save()
    return milestone


def form(seed_cards, **over):
    data = {
        "title": "Bevar NIS2 fuldt ud",
        "text": "Vi ønsker hele beløbet.",
        "cards": [seed_cards["T105"].pk],
        "expenses_2026": "0,500",
        "revenues_2026": "0",
        "expenses_2027": "0,500",
        "revenues_2027": "-0,100",
    }
    data.update(over)
    return data


def test_party_submits_before_the_deadline(client, cycle, seed_cards, deadline, politician_a):
    client_for(client, politician_a)
    url = reverse("politics:amendments", args=[cycle.slug])
    page = client.get(url).content.decode()
    assert "kl. 12.00" in page
    assert client.post(url, form(seed_cards)).status_code == 302
    amendment = Amendment.objects.get()
    assert (amendment.number, amendment.party.letter) == (1, "A")
    assert [(y.year, y.net) for y in amendment.years.all()][:2] == [
        (2026, 500_000),
        (2027, 400_000),
    ]
    assert [c.number for c in amendment.cards.all()] == ["T105"]


def test_after_the_deadline_refused_and_nothing_stored(
    client, cycle, seed_cards, deadline, politician_a
):
    deadline.starts_on = timezone.localdate() - timedelta(days=1)
    deadline.save()
    client_for(client, politician_a)
    client.get(reverse("politics:amendments", args=[cycle.slug]))
    response = client.post(reverse("politics:amendments", args=[cycle.slug]), form(seed_cards))
    assert response.status_code == 200
    message = response.context["form"].non_field_errors()[0]
    assert message.startswith("Fristen for ændringsforslag var") and "kl. 12.00" in message
    assert not Amendment.objects.exists()


def test_bad_amounts_are_refused_at_their_field(client, cycle, seed_cards, deadline, politician_a):
    client_for(client, politician_a)
    client.get(reverse("politics:amendments", args=[cycle.slug]))
    response = client.post(
        reverse("politics:amendments", args=[cycle.slug]), form(seed_cards, expenses_2026="0.5")
    )
    assert "komma som decimaltegn" in response.context["form"].errors["expenses_2026"][0]
    assert not Amendment.objects.exists()


def test_parties_see_their_own_finance_sees_all(
    client, cycle, seed_cards, deadline, politician_a, politician_b, finance
):
    client_for(client, politician_a)
    client.get(reverse("politics:amendments", args=[cycle.slug]))
    client.post(reverse("politics:amendments", args=[cycle.slug]), form(seed_cards))
    client_for(client, politician_b)
    client.get(reverse("politics:amendments", args=[cycle.slug]))
    client.post(
        reverse("politics:amendments", args=[cycle.slug]),
        form(seed_cards, title="Venstres forslag"),
    )
    page = client.get(reverse("politics:amendments", args=[cycle.slug])).content.decode()
    assert "Venstres forslag" in page and "Bevar NIS2" not in page
    assert client.get(reverse("politics:amendments_xlsx", args=[cycle.slug])).status_code == 403
    client_for(client, finance)
    xlsx = client.get(reverse("politics:amendments_xlsx", args=[cycle.slug]))
    rows = list(openpyxl.load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert [r[:3] for r in rows[1:]] == [
        (1, "A", "Bevar NIS2 fuldt ud"),
        (2, "V", "Venstres forslag"),
    ]
    pdf = client.get(reverse("politics:amendments_pdf", args=[cycle.slug]), follow=True)
    text = "\n".join(
        p.extract_text() for p in PdfReader(io.BytesIO(b"".join(pdf.streaming_content))).pages
    )
    assert "Ændringsforslag 2: Venstres forslag" in text
