"""Rules of the budget calendar (budget_portal/calendar.py): which months the timeline shows and
what is in each, how the schedule table is grouped and ordered, what the iCalendar feed says
of each activity, when the calendar PDF is made anew, and where each cycle's process is now
(found by mutation testing: only the seed's calendar was read, never the edges)."""

from __future__ import annotations

import io
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from pypdf import PdfReader

from budget_portal.calendar import ical, schedule, timeline, where_now
from budget_portal.models import Milestone, MilestoneKind, Phase
from budget_portal.publications import REGISTRY
from tests.factories import CycleFactory

pytestmark = pytest.mark.django_db

COPENHAGEN = ZoneInfo("Europe/Copenhagen")


def add(cycle, title, starts_on, **fields):
    fields.setdefault("kind", MilestoneKind.DEADLINE)
    return Milestone.objects.create(cycle=cycle, title=title, starts_on=starts_on, **fields)


# --- the timeline ------------------------------------------------------------------------


def test_rule_no_activities_no_months():
    assert timeline([]) == []


def test_rule_the_timeline_runs_from_the_first_month_to_the_last_day_and_across_the_new_year(
    cycle,
):
    hearing = add(cycle, "Høring", date(2025, 11, 30), ends_on=date(2026, 1, 1))
    first = add(cycle, "Frist", date(2025, 11, 3), position=2)
    same_day = add(cycle, "Møde", date(2025, 11, 3), position=1)
    december = add(cycle, "Dec", date(2025, 12, 1))
    months = timeline([hearing, first, same_day, december])
    assert [m.first_day for m in months] == [date(2025, 11, 1), date(2025, 12, 1), date(2026, 1, 1)]
    assert [m.label for m in months] == ["november 2025", "december 2025", "januar 2026"]
    # In a month: what starts before its end and lasts into it, by day and then position.
    assert [[m.title for m in month.milestones] for month in months] == [
        ["Møde", "Frist", "Høring"],
        ["Høring", "Dec"],
        ["Høring"],  # the last day, the 1st, is still in January
    ]


def test_rule_a_month_that_ends_on_the_31st_is_followed_by_the_next_month(cycle):
    months = timeline([add(cycle, "Lang", date(2026, 1, 31), ends_on=date(2026, 3, 1))])
    assert [m.first_day for m in months] == [date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)]


# --- the schedule table --------------------------------------------------------------------


def test_rule_the_schedule_groups_by_phase_number_with_unphased_rows_last(cycle):
    second = Phase.objects.create(cycle=cycle, number=2, name="Forhandlinger")
    first = Phase.objects.create(cycle=cycle, number=1, name="Afklaring")
    add(cycle, "Uden fase", date(2026, 1, 5))
    add(cycle, "Forhandling", date(2026, 2, 1), phase=second)
    add(cycle, "Anden frist", date(2026, 3, 1), phase=first, position=1)  # made first
    add(cycle, "Senere frist", date(2026, 3, 1), phase=first, position=0)
    add(cycle, "Tidlig frist", date(2026, 2, 20), phase=first, position=9)
    add(cycle, "Kun på tidslinjen", date(2026, 2, 1), phase=first, in_schedule=False)
    rows = [(p.name if p else None, [m.title for m in ms]) for p, ms in schedule(cycle)]
    assert rows == [
        ("Afklaring", ["Tidlig frist", "Senere frist", "Anden frist"]),
        ("Forhandlinger", ["Forhandling"]),
        (None, ["Uden fase"]),
    ]


# --- the iCalendar feed --------------------------------------------------------------------


def test_rule_the_feed_names_the_calendar_and_says_each_activity_as_plain_text(cycle):
    dated = add(
        cycle,
        "Frist for ændringsforslag",
        date(2026, 9, 1),
        text="Send forslag til sekretariatet\\.",
        bodies="Økonomiudvalget, byrådet",
    )
    meeting = add(
        cycle,
        "1. behandling",
        date(2026, 9, 10),
        kind=MilestoneKind.MEETING,
        at_time=time(17, 30),
    )
    period = add(cycle, "Høring", date(2026, 8, 14), ends_on=date(2026, 8, 20))
    feed = Calendar.from_ical(ical(cycle, "budget.example.dk"))
    assert str(feed["prodid"]) == "-//Budgetportal//da"
    assert str(feed["version"]) == "2.0"
    assert str(feed["x-wr-calname"]) == f"{cycle.municipality}: {cycle.name}"
    assert str(feed["x-wr-timezone"]) == "Europe/Copenhagen"
    events = {str(e["uid"]): e for e in feed.walk("VEVENT")}
    assert set(events) == {f"milestone-{m.pk}@budget.example.dk" for m in (dated, meeting, period)}

    deadline = events[f"milestone-{dated.pk}@budget.example.dk"]
    assert str(deadline["summary"]) == "Frist for ændringsforslag"
    assert str(deadline["description"]) == (
        "Økonomiudvalget, byrådet\n\nSend forslag til sekretariatet."
    )
    assert [str(c) for c in deadline["categories"].cats] == ["Frist"]
    assert deadline.decoded("dtstart") == date(2026, 9, 1)
    assert deadline.decoded("dtend") == date(2026, 9, 2)  # all day: the end is exclusive
    assert deadline.decoded("dtstamp").tzinfo is not None

    at = events[f"milestone-{meeting.pk}@budget.example.dk"]
    start = datetime(2026, 9, 10, 17, 30, tzinfo=COPENHAGEN)
    assert at.decoded("dtstart") == start == at.decoded("dtend")
    assert str(at["description"]) == ""
    assert [str(c) for c in at["categories"].cats] == ["Møde"]

    span = events[f"milestone-{period.pk}@budget.example.dk"]
    assert (span.decoded("dtstart"), span.decoded("dtend")) == (
        date(2026, 8, 14),
        date(2026, 8, 21),
    )


# --- the calendar PDF ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "change",
    [
        lambda m, p: setattr(m, "title", "Ny titel"),
        lambda m, p: setattr(m, "text", "Ny tekst"),
        lambda m, p: setattr(m, "starts_on", date(2026, 1, 2)),
        lambda m, p: setattr(m, "ends_on", date(2026, 1, 9)),
        lambda m, p: setattr(m, "at_time", time(10, 0)),
        lambda m, p: setattr(m, "date_label", "Jan"),
        lambda m, p: setattr(m, "kind", MilestoneKind.MEETING),
        lambda m, p: setattr(m, "bodies", "Byrådet"),
        lambda m, p: setattr(m, "in_schedule", False),
        lambda m, p: setattr(m, "phase", None),
        lambda m, p: setattr(m, "position", 7),
        lambda m, p: setattr(p, "name", "Nyt navn"),
        lambda m, p: setattr(p, "number", 3),
        lambda m, p: setattr(p, "description", "Ny beskrivelse"),
    ],
)
def test_rule_the_calendar_pdf_is_made_anew_when_anything_it_shows_changes(cycle, change):
    phase = Phase.objects.create(cycle=cycle, number=1, name="Afklaring")
    milestone = add(cycle, "Frist", date(2026, 1, 1), phase=phase)
    state = REGISTRY["calendar"].state
    before = state(cycle, {})
    change(milestone, phase)
    milestone.save()
    phase.save()
    assert state(cycle, {}) != before


def test_rule_the_calendar_pdf_has_the_title_months_and_schedule(db):
    cycle = CycleFactory(slug="alleroed-2027", name="Budget 2027-30")
    phase = Phase.objects.create(
        cycle=cycle,
        number=1,
        name="Afklaring og kvalificering",
        description="Forvaltningerne beskriver budgetbidragene.",
    )
    add(cycle, "Frist for budgetbidrag", date(2026, 3, 2), phase=phase, date_label="2/3")
    add(cycle, "Budgetseminar", date(2026, 5, 4), kind=MilestoneKind.SEMINAR, date_label="Maj")
    renderer = REGISTRY["calendar"]
    assert renderer.title(cycle, {}) == "Budgetprocessen 2027-30"
    assert renderer.filename(cycle, {}) == "budgetproces-alleroed-2027.pdf"
    reader = PdfReader(io.BytesIO(renderer.render(cycle, {}, lambda pct: None)))
    assert reader.metadata.title == "Budgetprocessen 2027-30"
    first_page = reader.pages[0].extract_text()
    assert "Fase 1: Afklaring og kvalificering\nForvaltningerne beskriver budgetbidragene." in (
        first_page
    )
    text = "\n".join(page.extract_text() for page in reader.pages)
    # Every month from the first to the last activity, an empty one said so; then the table.
    for words in (
        "Marts 2026\nFRIST\nFrist for budgetbidrag\n2. marts 2026",
        "April 2026\nIngen aktiviteter.",
        "Maj 2026\nSEMINAR\nBudgetseminar\n4. maj 2026",
        "Den samlede tidsplan for budget 2027-30",
        "Fase 1: Afklaring og kvalificering\n2/3\nMaj",
    ):
        assert words in text


# --- where the process is now --------------------------------------------------------------


def test_rule_now_is_the_next_phased_activity_s_phase_and_the_next_dated_activity(cycle):
    first = Phase.objects.create(cycle=cycle, number=1, name="Afklaring")
    second = Phase.objects.create(cycle=cycle, number=2, name="Forhandlinger")
    today = date(2026, 4, 15)
    add(cycle, "Forbi", date(2026, 3, 1), phase=first)
    add(cycle, "I gang", date(2026, 4, 1), ends_on=date(2026, 4, 15), phase=second, position=5)
    add(cycle, "Maj", date(2026, 5, 1), approximate=True)
    add(cycle, "Samme dag, først", date(2026, 4, 1), ends_on=date(2026, 4, 20), position=1)
    add(cycle, "Senere", date(2026, 6, 1), position=0)
    other = CycleFactory(slug="andet-2026")
    empty = CycleFactory(slug="tomt-2026")
    add(
        other,
        "Sidst",
        date(2026, 1, 10),
        phase=Phase.objects.create(cycle=other, number=4, name="Slut"),
    )
    add(other, "Uden fase", date(2026, 2, 1))
    now = where_now([cycle, other, empty], today)
    phase, next_one = now[cycle.pk]
    # The ongoing activity counts; a month-only entry has no day to count down to.
    assert (phase, next_one.title) == (second, "Samme dag, først")
    # When every activity is over: the phase of the last phased one, and nothing ahead.
    assert (now[other.pk][0].name, now[other.pk][1]) == ("Slut", None)
    assert now[empty.pk] == (None, None)


def test_rule_now_skips_month_only_entries_but_not_their_phase(cycle):
    phase = Phase.objects.create(cycle=cycle, number=1, name="Afklaring")
    add(cycle, "Maj", date(2026, 5, 1), approximate=True, phase=phase)
    add(cycle, "Frist", date(2026, 6, 1))
    phase_now, next_one = where_now([cycle], date(2026, 4, 1))[cycle.pk]
    assert (phase_now, next_one.title) == (phase, "Frist")


def test_rule_an_activity_on_its_last_day_is_still_the_next_one(cycle):
    add(cycle, "Frist i dag", date(2026, 4, 15))
    add(cycle, "Frist i morgen", date(2026, 4, 16))
    assert where_now([cycle], date(2026, 4, 15))[cycle.pk][1].title == "Frist i dag"
