"""A released answer sits beside the card it is about, tied to the card's version it
answers, and says so when the card has changed since."""

from __future__ import annotations

from datetime import date

from politics.models import Question
from politics.questions import answer_question, ask_question, assign_question, release_question
from proposals.models import Status
from proposals.services import revise_proposal
from tests.conftest import client_for
from tests.factories import make_card


def released_answer(cycle, card, politician, finance, department, editor) -> Question:
    q = ask_question(cycle, by=politician, text="Hvad koster det i 2027?", proposal=card)
    assign_question(q, by=finance, department=department, deadline=date(2026, 10, 1))
    answer_question(q, by=editor, answer="Det koster 1,2 mio. kr.")
    return release_question(q, by=finance)


def test_the_card_page_shows_the_answer_and_the_version_it_answers(
    client, cycle, politician_a, finance, department_a, editor_a, committee
):
    card = make_card(by=finance, department=department_a, committee=committee, number="T101",
                     status=Status.RELEASED)  # fmt: skip
    q = released_answer(cycle, card, politician_a, finance, department_a, editor_a)
    assert q.answers_revision == card.revisions.get(number=card.version)

    client_for(client, politician_a)
    page = client.get(card.get_absolute_url()).content.decode()
    assert "Besvarede budgetspørgsmål" in page
    assert "Det koster 1,2 mio. kr." in page
    assert f"Svaret gælder version {card.version} af forslaget" in page
    assert "Forslaget er ændret siden" not in page


def test_an_answer_about_an_older_version_says_so(
    client, cycle, politician_a, finance, department_a, editor_a, committee
):
    card = make_card(by=finance, department=department_a, committee=committee, number="T101",
                     status=Status.RELEASED)  # fmt: skip
    released_answer(cycle, card, politician_a, finance, department_a, editor_a)
    answered = card.version
    card.refresh_from_db()
    revise_proposal(card, by=finance, fields={"title": "Ny titel"}, years={},
                    based_on_version=card.version)  # fmt: skip
    card.refresh_from_db()
    client_for(client, politician_a)
    page = client.get(card.get_absolute_url()).content.decode()
    assert f"Svaret gælder version {answered} af forslaget" in page
    assert f"Forslaget er ændret siden; det er nu version {card.version}." in page


def test_readers_who_may_not_see_questions_see_no_answers_on_the_card(
    client, cycle, politician_a, finance, department_a, editor_a, committee
):
    card = make_card(by=finance, department=department_a, committee=committee, number="T101",
                     status=Status.RELEASED)  # fmt: skip
    released_answer(cycle, card, politician_a, finance, department_a, editor_a)
    page = client.get(card.get_absolute_url()).content.decode()  # anonymous
    assert "Det koster 1,2 mio. kr." not in page
