"""Counts on the politicians' pages in Danish singular and plural: "1 nyt forslag", "2 nye
forslag", "1 scenarie", "2 scenarier" (ngettext / blocktranslate count)."""

from __future__ import annotations

from datetime import date, time, timedelta
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from budget_portal.models import Milestone, MilestoneKind
from politics.amendments import submit_amendment
from politics.questions import answer_question, ask_question, assign_question, release_question
from politics.scenarios import create_scenario, save_selection
from proposals.services import revise_proposal
from tests.conftest import client_for


def _html(client, name, cycle, **params) -> str:
    return client.get(reverse(name, args=[cycle.slug]), params).content.decode()


def test_reading_room_counts_new_and_changed_cards(
    client, cycle, seed_cards, politician_a, finance
):
    client_for(client, politician_a)
    assert "4 nye forslag" in _html(client, "politics:reading_room", cycle)
    for number in ("T101", "T105", "T304"):
        client.get(seed_cards[number].get_absolute_url())
    html = _html(client, "politics:reading_room", cycle)
    assert "1 nyt forslag" in html and "nye forslag" not in html
    card = seed_cards["T101"]
    card.refresh_from_db()
    revise_proposal(card, by=finance, fields={"title": "Ny titel"}, years={},
                    based_on_version=card.version)  # fmt: skip
    assert "1 nyt forslag, 1 ændret forslag" in _html(client, "politics:reading_room", cycle)
    card = seed_cards["T105"]
    card.refresh_from_db()
    revise_proposal(card, by=finance, fields={"title": "Andet"}, years={},
                    based_on_version=card.version)  # fmt: skip
    assert "2 ændrede forslag" in _html(client, "politics:reading_room", cycle)


def test_question_and_answer_counts(client, cycle, politician_a, finance, editor_a, department_a):
    question = ask_question(cycle, by=politician_a, text="Første spørgsmål")
    client_for(client, politician_a)
    assert "1 spørgsmål" in _html(client, "politics:questions", cycle)
    ask_question(cycle, by=politician_a, text="Andet spørgsmål")
    assert "2 spørgsmål" in _html(client, "politics:questions", cycle)
    assign_question(question, by=finance, department=department_a, deadline=date(2026, 10, 1))
    answer_question(question, by=editor_a, answer="Svar")
    release_question(question, by=finance)
    assert "1 frigivet svar" in _html(client, "politics:answers", cycle)


def test_amendment_counts(client, cycle, seed_cards, politician_a):
    cycle.amendment_deadline = Milestone.objects.create(
        cycle=cycle, kind=MilestoneKind.DEADLINE, title="Frist",
        starts_on=timezone.localdate() + timedelta(days=2), at_time=time(12, 0),
    )  # fmt: skip
    cycle.save()
    client_for(client, politician_a)
    for title in ("Et", "To"):
        submit_amendment(cycle, by=politician_a, title=title, text="Tekst", years={})
        html = _html(client, "politics:amendments", cycle)
        count = 1 if title == "Et" else 2
        assert f"{count} ændringsforslag" in html


def test_scenario_counts(client, cycle, seed_cards, politician_a):
    one = create_scenario(cycle, by=politician_a, name="Et")
    save_selection(one, {seed_cards["T101"].pk: Decimal(100)})
    client_for(client, politician_a)
    assert "1 scenarie" in _html(client, "politics:scenarios", cycle)
    assert "1 forslag i scenariet" in client.get(one.get_absolute_url()).content.decode()
    two = create_scenario(cycle, by=politician_a, name="To")
    save_selection(two, {seed_cards["T101"].pk: Decimal(100), seed_cards["T105"].pk: Decimal(50)})
    assert "2 scenarier" in _html(client, "politics:scenarios", cycle)
    compare = _html(client, "politics:compare", cycle, s=[one.pk, two.pk])
    assert "1 forslag" in compare and "2 forslag" in compare
