"""The budget calendar: Allerød's process 2024-31 (seed 004) as pages, feed and PDF."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from pypdf import PdfReader

from budget_portal.demo import load_calendar
from budget_portal.models import BudgetCycle, Milestone, MilestoneKind

SCHEDULE_LABELS = [
    "Dec 2022",
    "Jan/Feb",
    "7/2",
    "1/4",
    "April",
    "Maj",
    "Maj/juni",
    "14/6-9/8",
    "Aug",
    "29/8-6/9",
    "30/8",
    "1/9",
    "Sep",
    "21/9",
    "Okt",
    "Dec",
]


@pytest.fixture
def alleroed(db):
    load_calendar()
    return BudgetCycle.objects.get(slug="alleroed-2024")


def test_alleroed_process_is_loaded_exactly_and_only_once(alleroed):
    assert (alleroed.municipality, alleroed.name, alleroed.years) == (
        "Allerød Kommune",
        "Budget 2024-31",
        8,
    )
    assert [p.name for p in alleroed.phases.all()] == [
        "Afklaring og kvalificering",
        "Forhandlinger og vedtagelse",
        "Implementering",
    ]
    hearings = alleroed.milestones.filter(kind=MilestoneKind.HEARING).order_by("starts_on")
    assert [(h.starts_on, h.ends_on) for h in hearings] == [
        (date(2023, 6, 14), date(2023, 8, 9)),
        (date(2023, 8, 29), date(2023, 9, 6)),
    ]
    meeting = alleroed.milestones.get(kind=MilestoneKind.CITIZENS)
    assert meeting.starts_on == date(2023, 8, 30)
    deadline = alleroed.milestones.get(date_label="21/9")
    assert deadline.text == "Frist for aflevering af ændringsforslag til budget 2023-30."
    count = Milestone.objects.count()
    load_calendar()
    assert Milestone.objects.count() == count == 17


def test_schedule_table_reproduces_the_seed(client, alleroed):
    response = client.get(reverse("calendar", args=[alleroed.slug]))
    rows = [m.date_label for _phase, ms in response.context["schedule"] for m in ms]
    assert rows == SCHEDULE_LABELS
    html = response.content.decode()
    assert "Fase 2: Forhandlinger og vedtagelse" in html
    assert "Dialogmøde med Hovedudvalget" in html
    assert "<ol>" not in html.split("Den samlede tidsplan")[-1]  # "1. behandling" is no list
    assert "1. behandling af budget 2024-31 i Økonomiudvalget (12/9) og byrådet (19/9)." in html


def test_timeline_runs_month_by_month(client, alleroed):
    months = client.get(reverse("calendar", args=[alleroed.slug])).context["months"]
    assert [m.label for m in months][:2] == ["december 2022", "januar 2023"]
    assert len(months) == 13
    august = next(m for m in months if m.label == "august 2023")
    titles = [m.title for m in august.milestones]
    assert "Borgermøde om budget 2024-31" in titles
    assert "Høring: effektiviseringskatalog og innovationsscreeninger" in titles
    march = next(m for m in months if m.label == "marts 2023")
    assert march.milestones == []


def test_ical_feed(client, alleroed):
    response = client.get(reverse("calendar_ics", args=[alleroed.slug]))
    assert response["Content-Type"] == "text/calendar"
    cal = Calendar.from_ical(response.content)
    events = {str(e["summary"]): e for e in cal.walk("VEVENT")}
    assert len(events) == 17
    hearing = events["Høring: borgmesterens budgetoplæg"]
    assert hearing.decoded("dtstart") == date(2023, 8, 29)
    assert hearing.decoded("dtend") == date(2023, 9, 7)  # all-day end is exclusive
    first_reading = events["1. behandling af budget 2024-31"]
    assert "\\" not in str(first_reading["description"])


def test_front_page_lists_upcoming_deadlines(client, alleroed):
    today = timezone.localdate()
    Milestone.objects.create(
        cycle=alleroed,
        kind=MilestoneKind.DEADLINE,
        title="Frist for ændringsforslag 2027",
        starts_on=today + timedelta(days=10),
    )
    Milestone.objects.create(
        cycle=alleroed,
        kind=MilestoneKind.DEADLINE,
        title="Frist der er gået",
        starts_on=today - timedelta(days=1),
    )
    html = client.get(reverse("home")).content.decode()
    assert "Frist for ændringsforslag 2027" in html
    assert "Frist der er gået" not in html


def test_calendar_pdf(client, alleroed):
    response = client.get(reverse("calendar_pdf", args=[alleroed.slug]), follow=True)
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert reader.metadata.title == "Budgetprocessen 2024-31"
    assert "Den samlede tidsplan" in text
    assert "14/6-9/8" in text
    assert "Fase 3: Implementering" in text
