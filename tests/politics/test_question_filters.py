"""The question list's filters (django-filter): status, committee, department and overdue,
each showing exactly the questions it names, alone and together; parameter names as the
card list's."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from politics.questions import answer_question, ask_question, assign_question, release_question
from tests.conftest import client_for


@pytest.fixture
def questions(cycle, politician_a, finance, department_a, department_b, editor_a, editor_b):
    """1 asked; 2 assigned to A, late; 3 assigned to B, in time; 4 answered by A, late;
    5 released by B, late. Only 2 is overdue: answered ones are no longer waiting."""
    past, future = timezone.localdate() - timedelta(days=3), date(2099, 1, 1)
    ask = [ask_question(cycle, by=politician_a, text=f"Spørgsmål nr. {n}") for n in range(1, 6)]
    assign_question(ask[1], by=finance, department=department_a, deadline=past)
    assign_question(ask[2], by=finance, department=department_b, deadline=future)
    assign_question(ask[3], by=finance, department=department_a, deadline=past)
    answer_question(ask[3], by=editor_a, answer="Svar fire")
    assign_question(ask[4], by=finance, department=department_b, deadline=past)
    answer_question(ask[4], by=editor_b, answer="Svar fem")
    release_question(ask[4], by=finance)
    return ask


def listed(client, cycle, **params) -> list[int]:
    response = client.get(reverse("politics:questions", args=[cycle.slug]), params)
    assert response.status_code == 200
    return [q.number for q in response.context["questions"]]


@pytest.mark.parametrize(
    ("status", "numbers"),
    [
        ("stillet", [1]),
        ("fordelt", [2, 3]),
        ("besvaret", [4]),
        ("frigivet", [5]),
        ("", [1, 2, 3, 4, 5]),
    ],
)
def test_the_status_filter_shows_exactly_the_questions_in_that_state(
    client, cycle, questions, finance, status, numbers
):
    client_for(client, finance)
    assert listed(client, cycle, status=status) == numbers


def test_the_department_filter_shows_only_that_departments_questions(
    client, cycle, questions, finance, department_a, department_b
):
    client_for(client, finance)
    assert listed(client, cycle, afdeling=department_a.pk) == [2, 4]
    assert listed(client, cycle, afdeling=department_b.pk) == [3, 5]


def test_the_committee_filter_shows_questions_on_its_cards_or_for_its_departments(
    client, cycle, questions, seed_cards, politician_a, finance, committee, committee_b
):
    about_card = ask_question(cycle, by=politician_a, text="Om NIS2", proposal=seed_cards["T105"])
    client_for(client, finance)
    assert listed(client, cycle, udvalg=committee.pk) == [2, 4, about_card.number]
    assert listed(client, cycle, udvalg=committee_b.pk) == [3, 5]


def test_the_overdue_filter_shows_only_late_questions_still_waiting_for_an_answer(
    client, cycle, questions, finance
):
    client_for(client, finance)
    assert listed(client, cycle, overskredet="1") == [2]
    assert listed(client, cycle, overskredet="on") == [2]  # the checkbox as a browser sends it
    assert listed(client, cycle) == [1, 2, 3, 4, 5]


def test_filters_combine(client, cycle, questions, finance, department_a, department_b):
    client_for(client, finance)
    assert listed(client, cycle, status="fordelt", afdeling=department_b.pk) == [3]
    assert listed(client, cycle, status="fordelt", overskredet="1") == [2]
    assert listed(client, cycle, afdeling=department_b.pk, overskredet="1") == []


def test_an_unknown_status_is_ignored_and_the_other_filters_still_apply(
    client, cycle, questions, finance, department_a
):
    client_for(client, finance)
    assert listed(client, cycle, status="slettet", afdeling=department_a.pk) == [2, 4]


def test_to_a_politician_a_draft_answer_is_still_assigned_in_the_filter(
    client, cycle, questions, politician_a
):
    client_for(client, politician_a)
    assert listed(client, cycle, status="fordelt") == [2, 3, 4]
    # "Besvaret" is no choice for them: asked for anyway, it filters nothing away.
    assert listed(client, cycle, status="besvaret") == [1, 2, 3, 4, 5]


def test_the_filter_form_keeps_the_choices_and_names_the_parameters_as_the_card_list(
    client, cycle, questions, finance, department_a
):
    client_for(client, finance)
    url = reverse("politics:questions", args=[cycle.slug])
    html = client.get(url, {"status": "fordelt", "afdeling": department_a.pk,
                            "overskredet": "1"}).content.decode()  # fmt: skip
    assert '<select name="status" class="form-select" id="id_status">' in html
    assert '<option value="fordelt" selected>' in html
    assert '<select name="udvalg" class="form-select" id="id_udvalg">' in html
    assert f'<option value="{department_a.pk}" selected>' in html
    box = '<input type="checkbox" name="overskredet" class="form-checkbox" id="id_overskredet"'
    assert f"{box} checked>" in html


def test_the_start_pages_links_open_the_list_filtered(client, cycle, questions, finance):
    from politics.navigation import finance_tasks

    client_for(client, finance)
    tasks = {t.label: t.url for t in finance_tasks(finance, cycle, timezone.localdate())}
    overdue = next(url for label, url in tasks.items() if "overskredet" in label)
    assert [q.number for q in client.get(overdue).context["questions"]] == [2]
