"""The public front page: each cycle's phase, open hearings, the next date, released cards."""

from __future__ import annotations

import re
from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from budget_portal.models import Milestone, MilestoneKind, Phase
from proposals.models import Proposal, Status
from tests.conftest import client_for
from tests.factories import CommitteeFactory, CycleFactory, DepartmentFactory, make_card


def page(client) -> str:
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return re.sub(r"\s+", " ", response.content.decode())


def test_front_page_shows_phase_open_hearing_with_days_left_and_next_date(client, cycle, hearing):
    today = timezone.localdate()
    one = Phase.objects.create(cycle=cycle, number=1, name="Afklaring og kvalificering")
    two = Phase.objects.create(cycle=cycle, number=2, name="Politisk behandling")
    Milestone.objects.create(
        cycle=cycle,
        phase=one,
        kind=MilestoneKind.DEADLINE,
        title="Forslag afleveres",
        starts_on=today - timedelta(days=10),
    )
    Milestone.objects.create(
        cycle=cycle,
        phase=two,
        kind=MilestoneKind.MEETING,
        title="Budgetseminar",
        starts_on=today + timedelta(days=3),
    )
    html = page(client)
    assert "Fase nu" in html and "Fase 2: Politisk behandling" in html
    assert "Næste aktivitet" in html and "Budgetseminar" in html and "(om 3 dage)" in html
    assert "Åbne høringer" in html and "Høring om effektiviseringskatalog" in html
    assert re.search(r"svarfrist \d+\. \w+ \d{4} kl\. \d\d\.\d\d \(om [45] dage\)", html)
    assert "Senest frigivne forslag" in html and "R101 Lukning af svømmehal" in html
    assert "Mine opgaver" not in html.split("<main", 1)[1]


def test_signed_in_staff_find_my_tasks_on_the_front_page(client, cycle, finance):
    client_for(client, finance)
    main = page(client).split("<main", 1)[1]
    assert f'href="{reverse("my_tasks")}">Mine opgaver</a>' in main


def test_a_closed_hearing_is_not_listed_as_open(client, cycle, hearing):
    hearing.closes_at = timezone.now() - timedelta(hours=1)
    hearing.save()
    assert "Åbne høringer" not in page(client)


def test_front_page_queries_do_not_grow_with_cycles(client, cycle, hearing):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            page(client)
        return len(queries)

    few = count()
    for _ in range(3):
        other = CycleFactory()
        Milestone.objects.create(
            cycle=other, kind=MilestoneKind.DEADLINE, title="Frist", starts_on=timezone.localdate()
        )
    assert count() == few


def test_after_the_last_activity_the_phase_is_the_last_one_that_had_any(client, cycle):
    today = timezone.localdate()
    one = Phase.objects.create(cycle=cycle, number=1, name="Afklaring")
    two = Phase.objects.create(cycle=cycle, number=2, name="Vedtagelse")
    for phase, days in ((one, 30), (two, 2)):
        Milestone.objects.create(
            cycle=cycle,
            phase=phase,
            kind=MilestoneKind.MEETING,
            title=f"Møde {phase.number}",
            starts_on=today - timedelta(days=days),
        )
    html = page(client)
    assert "Fase 2: Vedtagelse" in html and "Fase 1: Afklaring" not in html
    assert "Næste aktivitet" not in html


def test_next_activity_is_dated_and_an_ongoing_one_says_so(client, cycle):
    today = timezone.localdate()
    Milestone.objects.create(
        cycle=cycle,
        kind=MilestoneKind.ACTIVITY,
        title="Dialog med fagudvalg",
        starts_on=today.replace(day=1),
        ends_on=today + timedelta(days=40),
        approximate=True,
        date_label="Maj",
    )
    Milestone.objects.create(
        cycle=cycle,
        kind=MilestoneKind.HEARING,
        title="Høringsperiode",
        starts_on=today - timedelta(days=1),
        ends_on=today + timedelta(days=6),
    )
    html = page(client)
    assert "Høringsperiode" in html and "(i gang)" in html
    assert "Dialog med fagudvalg" not in html


def test_rule_the_front_page_lists_each_budget_s_three_latest_changed_public_cards(
    client, cycle, finance, department_a, committee
):
    def card(number, status, minutes_ago, department=department_a, committee=committee):
        made = make_card(by=finance, department=department, committee=committee,
                         number=number, status=status, title=f"Kort {number}")  # fmt: skip
        when = timezone.now() - timedelta(minutes=minutes_ago)
        Proposal.objects.filter(pk=made.pk).update(updated_at=when)

    card("T101", Status.RELEASED, 40)
    card("T102", Status.ADOPTED, 10)
    card("T103", Status.REJECTED, 30)
    card("T104", Status.RELEASED, 20)
    card("T105", Status.DRAFT, 1)  # newest, but not public
    card("T106", Status.SUBMITTED, 2)
    later = CycleFactory(slug="andeby-2027", first_year=2027, municipality="Andeby Kommune")
    committee_there = CommitteeFactory(cycle=later)
    there = DepartmentFactory(cycle=later, committee=committee_there)
    card("A201", Status.RELEASED, 50, there, committee_there)

    listed = re.findall(r'<a href="(/budget/[^"]+/forslag/[^"]+/)">([A-Z]\d+) Kort', page(client))
    assert listed == [  # the newest budget first (the front page's order)
        ("/budget/andeby-2027/forslag/A201/", "A201"),
        ("/budget/testrup-2026/forslag/T102/", "T102"),
        ("/budget/testrup-2026/forslag/T104/", "T104"),
        ("/budget/testrup-2026/forslag/T103/", "T103"),
    ]
