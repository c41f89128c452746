"""Refused input on the politicians' pages: the Danish message stands at its field (DKFDS
form-error markup), the typed text stays, and nothing is written."""

from __future__ import annotations

import re
from datetime import date

from django.core import mail
from django.urls import reverse

from politics.models import BudgetTarget, Comment, Question, Scenario
from politics.questions import answer_question, ask_question, assign_question
from politics.scenarios import create_scenario
from tests.conftest import client_for
from tests.factories import CycleFactory, DepartmentFactory


def error_at(html: str, field_id: str, message: str) -> bool:
    """MESSAGE is shown as an error inside the DKFDS form-group of the input FIELD_ID."""
    error = (
        rf'<span class="form-error-message" id="{field_id}_error_\d+">'
        rf'<span class="sr-only">Fejl:</span> [^<]*{re.escape(message)}'
    )
    return any(
        f'id="{field_id}"' in group and re.search(error, group)
        for group in re.findall(r'<div class="form-group form-error">(.*?)\n</div>', html, re.S)
    )


def test_an_empty_question_is_refused_at_the_text_field(client, cycle, seed_cards, politician_a):
    client_for(client, politician_a)
    url = reverse("politics:questions", args=[cycle.slug])
    client.get(url)
    response = client.post(url, {"text": "  ", "proposal": seed_cards["T105"].pk})
    html = response.content.decode()
    assert response.status_code == 200
    assert error_at(html, "id_text", "Skriv dit spørgsmål.")
    assert re.search(rf'<option value="{seed_cards["T105"].pk}" selected>', html)
    assert Question.objects.count() == 0


def test_a_question_about_an_unreleased_card_is_refused_at_the_card_field(
    client, cycle, seed_cards, politician_a, finance, department_a
):
    from tests.factories import make_card

    draft = make_card(by=finance, department=department_a, committee=seed_cards["T101"].committee,
                      number="T199")  # fmt: skip
    client_for(client, politician_a)
    url = reverse("politics:questions", args=[cycle.slug])
    client.get(url)
    response = client.post(url, {"text": "Hvad koster det?", "proposal": draft.pk})
    html = response.content.decode()
    assert error_at(html, "id_proposal", "Vælg et af de offentliggjorte forslag")
    assert "Hvad koster det?</textarea>" in html
    assert Question.objects.count() == 0


def _asked(cycle, politician_a):
    return ask_question(cycle, by=politician_a, text="Hvad koster NIS2?")


def _post(client, question, action, data):
    client.get(question.get_absolute_url())
    url = reverse("politics:question_action", args=[question.cycle.slug, question.number, action])
    return client.post(url, data)


def test_a_bad_deadline_is_refused_at_the_deadline_field(
    client, cycle, politician_a, finance, department_a
):
    question = _asked(cycle, politician_a)
    client_for(client, finance)
    for typed, message in (
        ("", "Skriv en svarfrist, fx 01.10.2026."),
        ("31.02.2026", "findes ikke i kalenderen"),
        ("i morgen", "er ikke en dato"),
    ):
        response = _post(client, question, "fordel", {"department": department_a.pk,
                                                      "deadline": typed})  # fmt: skip
        assert response.status_code == 200
        assert error_at(response.content.decode(), "assign-deadline", message), typed
    question.refresh_from_db()
    assert (question.state, question.department, question.deadline) == ("stillet", None, None)
    assert mail.outbox == []


def test_another_cycles_department_is_refused_at_the_department_field(
    client, cycle, politician_a, finance
):
    other = DepartmentFactory(cycle=CycleFactory(slug="andetrup-2026"))
    question = _asked(cycle, politician_a)
    client_for(client, finance)
    response = _post(client, question, "fordel", {"department": other.pk,
                                                  "deadline": "01.10.2026"})  # fmt: skip
    html = response.content.decode()
    assert error_at(html, "assign-department", "Vælg en af budgetårets afdelinger.")
    assert 'value="01.10.2026"' in html
    question.refresh_from_db()
    assert question.department is None


def test_an_empty_answer_is_refused_at_the_answer_field(
    client, cycle, politician_a, finance, department_a, editor_a
):
    question = _asked(cycle, politician_a)
    assign_question(question, by=finance, department=department_a, deadline=date(2026, 10, 1))
    client_for(client, editor_a)
    response = _post(client, question, "besvar", {"answer": ""})
    assert response.status_code == 200
    assert error_at(response.content.decode(), "answer-answer", "Skriv et svar.")
    question.refresh_from_db()
    assert (question.state, question.answer) == ("fordelt", "")


def test_a_too_long_answer_keeps_the_draft_before_it(
    client, cycle, politician_a, finance, department_a, editor_a
):
    question = _asked(cycle, politician_a)
    assign_question(question, by=finance, department=department_a, deadline=date(2026, 10, 1))
    answer_question(question, by=editor_a, answer="Første udkast")
    client_for(client, editor_a)
    response = _post(client, question, "besvar", {"answer": "x" * 20_001})
    assert error_at(response.content.decode(), "answer-answer", "højst 20.000 tegn")
    question.refresh_from_db()
    assert question.answer == "Første udkast"


def _comment_url(card):
    return reverse("politics:comment_add", args=[card.pk])


def test_an_empty_comment_is_refused_at_the_field_with_and_without_javascript(
    client, seed_cards, politician_a
):
    card = seed_cards["T105"]
    client_for(client, politician_a)
    client.get(card.get_absolute_url())
    fragment = client.post(_comment_url(card), {"text": ""}, headers={"HX-Request": "true"})
    html = fragment.content.decode()
    assert html.lstrip().startswith('<section id="kommentarer"')
    assert error_at(html, "new-comment-text", "Skriv en kommentar (højst 5.000 tegn).")
    client.get(card.get_absolute_url())
    page = client.post(_comment_url(card), {"text": "x" * 5001, "private": "on"})
    html = page.content.decode()
    assert page.status_code == 200 and "<h1>Kommentarer til T105" in html
    assert error_at(html, "new-comment-text", "Skriv en kommentar (højst 5.000 tegn).")
    assert 'id="new-comment-private" checked' in html
    assert Comment.objects.count() == 0


def test_an_emptied_comment_edit_is_refused_and_the_comment_kept(client, seed_cards, politician_a):
    card = seed_cards["T105"]
    client_for(client, politician_a)
    client.get(card.get_absolute_url())
    client.post(_comment_url(card), {"text": "Første udgave"})
    comment = Comment.objects.get()
    client.get(card.get_absolute_url())
    url = reverse("politics:comment_edit", args=[comment.pk])
    response = client.post(url, {"text": " "}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert error_at(html, f"edit-{comment.pk}-text", "Skriv en kommentar")
    assert "<details open>" in html
    comment.refresh_from_db()
    assert comment.text == "Første udgave" and not comment.edits.exists()


def test_a_too_long_scenario_name_is_refused_at_the_name_field(client, cycle, politician_a):
    client_for(client, politician_a)
    url = reverse("politics:scenarios", args=[cycle.slug])
    client.get(url)
    response = client.post(url, {"name": "N" * 121})
    assert response.status_code == 200
    assert error_at(response.content.decode(), "id_name", "Navnet kan højst have 120 tegn.")
    assert not Scenario.objects.exists()


def test_one_bad_target_saves_none_of_the_years(client, cycle, finance):
    BudgetTarget.objects.create(cycle=cycle, year=2027, amount=-1_000_000)
    client_for(client, finance)
    url = reverse("politics:targets", args=[cycle.slug])
    client.get(url)
    response = client.post(
        url, {"target_2026": "-2,000", "target_2027": "", "target_2028": "mange"}
    )
    assert response.status_code == 200
    assert error_at(response.content.decode(), "id_target_2028", "")
    assert dict(BudgetTarget.objects.values_list("year", "amount")) == {2027: -1_000_000}


def _open_for_amendments(cycle):
    from budget_portal.models import Milestone, MilestoneKind

    cycle.amendment_deadline = Milestone.objects.create(
        cycle=cycle, kind=MilestoneKind.DEADLINE, title="Frist", starts_on=date(2099, 1, 1)
    )
    cycle.save()


def test_an_amendment_without_title_or_text_is_refused_at_each_field(
    client, cycle, seed_cards, politician_a
):
    from politics.models import Amendment

    _open_for_amendments(cycle)
    client_for(client, politician_a)
    url = reverse("politics:amendments", args=[cycle.slug])
    client.get(url)
    html = client.post(url, {"title": "", "text": "", "expenses_2026": "0,500"}).content.decode()
    assert error_at(html, "id_title", "Skriv en titel på ændringsforslaget.")
    assert error_at(html, "id_text", "Skriv, hvad ændringsforslaget går ud på.")
    assert 'value="0,500"' in html
    assert not Amendment.objects.exists()


def test_a_scenario_saved_without_a_name_is_refused_at_the_name_field(
    client, cycle, seed_cards, politician_a
):
    scenario = create_scenario(cycle, by=politician_a, name="Forlig")
    client_for(client, politician_a)
    client.get(scenario.get_absolute_url())
    pk = seed_cards["T101"].pk
    response = client.post(scenario.get_absolute_url(), {"name": "", f"with_{pk}": "on",
                                                         f"share_{pk}": "100"})  # fmt: skip
    assert error_at(response.content.decode(), "id_name", "Giv scenariet et navn.")
    scenario.refresh_from_db()
    assert scenario.name == "Forlig" and not scenario.entries.exists()


def test_an_amendment_on_an_unreleased_card_is_refused_at_the_cards_field(
    client, cycle, seed_cards, politician_a, finance, department_a
):
    from politics.models import Amendment
    from tests.factories import make_card

    _open_for_amendments(cycle)
    draft = make_card(by=finance, department=department_a, committee=seed_cards["T101"].committee,
                      number="T199")  # fmt: skip
    client_for(client, politician_a)
    url = reverse("politics:amendments", args=[cycle.slug])
    client.get(url)
    response = client.post(url, {"title": "Mere NIS2", "text": "Hele beløbet.",
                                 "cards": [draft.pk], "expenses_2026": "0,500"})  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 200
    assert re.search(
        r'<fieldset class="form-group form-error">.*id="id_cards_error_1">'
        r'<span class="sr-only">Fejl:</span> Vælg blandt budgetårets offentliggjorte forslag.',
        html,
        re.S,
    )
    assert 'value="Mere NIS2"' in html
    assert not Amendment.objects.exists()
