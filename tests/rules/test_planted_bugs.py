"""Rules that a review's planted bugs slipped past: each test names the rule it pins.

Each was checked by planting the bug in the code, seeing the test fail, and reverting.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from letters.models import CoverLetter, ExpiringGrant, GrantShortfall
from politics.models import Question, QuestionState
from politics.questions import answer_question, ask_question, assign_question, release_question
from politics.services import create_scenario
from proposals.models import Proposal, Revision, Status
from proposals.services import revise_proposal
from tests.conftest import client_for
from tests.factories import UserFactory, make_card

pytestmark = pytest.mark.django_db


@pytest.fixture
def released_card(finance, department_a, committee):
    return make_card(
        by=finance,
        department=department_a,
        committee=committee,
        number="T101",
        status=Status.RELEASED,
    )


def test_rule_a_card_is_listed_once_when_its_department_has_two_editors(
    released_card, department_a, editor_a
):
    # A join on the department's editors (as visible_to once made) doubles the card.
    department_a.editors.add(UserFactory(roles=["afdeling"]))
    visible = Proposal.objects.visible_to(editor_a).filter(cycle=released_card.cycle)
    assert list(visible.values_list("number", flat=True)) == ["T101"]


def test_rule_only_an_editor_of_the_department_may_revise_a_card(released_card, editor_b):
    before = Revision.objects.filter(proposal=released_card).count()
    with pytest.raises(PermissionDenied):
        revise_proposal(
            released_card,
            by=editor_b,
            fields={"title": "Ændret af en uvedkommende"},
            years={},
            based_on_version=released_card.version,
        )
    released_card.refresh_from_db()
    assert released_card.title == "Forslag T101"
    assert Revision.objects.filter(proposal=released_card).count() == before


def _assigned(cycle, politician_a, finance, department_a, *, days_left):
    q = ask_question(cycle, by=politician_a, text="Hvad koster det?")
    return assign_question(
        q,
        by=finance,
        department=department_a,
        deadline=timezone.localdate() + timedelta(days=days_left),
    )


def test_rule_a_released_answer_is_not_answered_again(
    cycle, politician_a, finance, department_a, editor_a
):
    q = _assigned(cycle, politician_a, finance, department_a, days_left=3)
    answer_question(q, by=editor_a, answer="Det koster 1 mio. kr.")
    release_question(q, by=finance)
    for who in (finance, editor_a):
        with pytest.raises(PermissionDenied):
            answer_question(q, by=who, answer="Et andet svar")
    q.refresh_from_db()
    assert q.answer == "Det koster 1 mio. kr."


def test_rule_overdue_means_past_the_deadline_and_still_unanswered(
    cycle, politician_a, finance, department_a, editor_a
):
    late_open = _assigned(cycle, politician_a, finance, department_a, days_left=-2)
    late_answered = _assigned(cycle, politician_a, finance, department_a, days_left=-2)
    answer_question(late_answered, by=editor_a, answer="Svar.")
    late_released = _assigned(cycle, politician_a, finance, department_a, days_left=-2)
    answer_question(late_released, by=editor_a, answer="Svar.")
    release_question(late_released, by=finance)
    _assigned(cycle, politician_a, finance, department_a, days_left=2)

    today = timezone.localdate()
    assert list(Question.objects.overdue(today)) == [late_open]
    late = {q.pk: q.is_late for q in Question.objects.with_overdue(today)}
    assert late[late_open.pk] is True
    assert late[late_answered.pk] is False
    assert late[late_released.pk] is False


def _targets_form(cycle, values: dict[int, str]) -> dict[str, str]:
    return {f"target_{year}": values.get(year, "") for year in cycle.year_range}


def _effect_row(html: str, heading: str) -> list[str]:
    # The cells of one row of the scenario's effect table, as the reader sees them.
    row = html.split(f'<th scope="row">{heading}</th>', 1)[1].split("</tr>", 1)[0]
    return [cell.split(">", 1)[1].split("</td>")[0] for cell in row.split("<td")[1:]]


def test_rule_a_cleared_budget_target_is_gone(client, cycle, finance, politician_a):
    client_for(client, finance)
    url = reverse("politics:targets", args=[cycle.slug])
    first, second = cycle.year_range[0], cycle.year_range[1]
    client.get(url)
    client.post(url, _targets_form(cycle, {first: "-5,000", second: "-3,000"}))
    assert dict(cycle.targets.values_list("year", "amount")) == {
        first: -5_000_000,
        second: -3_000_000,
    }

    client.get(url)
    response = client.post(url, _targets_form(cycle, {second: "-3,000"}))
    assert response.status_code == 302
    assert dict(cycle.targets.values_list("year", "amount")) == {second: -3_000_000}
    assert 'value="-5,000"' not in client.get(url).content.decode()

    client_for(client, politician_a)
    scenario = create_scenario(cycle, by=politician_a, name="Uden mål i første år")
    html = client.get(scenario.get_absolute_url()).content.decode()
    targets = _effect_row(html, "Mål: skal findes")
    assert targets[0] == "–"
    assert targets[1] == "-3,000"


def test_rule_the_status_filter_lists_exactly_the_questions_in_that_state(
    client, cycle, politician_a, finance, department_a, editor_a
):
    asked = ask_question(cycle, by=politician_a, text="Stillet og ikke fordelt endnu?")
    assigned = _assigned(cycle, politician_a, finance, department_a, days_left=3)
    answered = _assigned(cycle, politician_a, finance, department_a, days_left=3)
    answer_question(answered, by=editor_a, answer="Et udkast.")
    released = _assigned(cycle, politician_a, finance, department_a, days_left=3)
    answer_question(released, by=editor_a, answer="Et svar.")
    release_question(released, by=finance)
    by_state = {
        QuestionState.ASKED: asked,
        QuestionState.ASSIGNED: assigned,
        QuestionState.ANSWERED: answered,
        QuestionState.RELEASED: released,
    }
    url = reverse("politics:questions", args=[cycle.slug])

    def listed(**query) -> set[int]:
        html = client.get(url, query).content.decode()
        return {q.number for q in by_state.values() if f'href="{q.get_absolute_url()}"' in html}

    client_for(client, finance)
    for state, question in by_state.items():
        assert listed(status=state.value) == {question.number}, state
    assert listed() == {q.number for q in by_state.values()}
    # A politician does not see a draft answer: to them it is still "Fordelt".
    client_for(client, politician_a)
    assert listed(status=QuestionState.ASSIGNED.value) == {assigned.number, answered.number}
    assert listed(status=QuestionState.RELEASED.value) == {released.number}


def test_rule_removing_a_years_shortfall_deletes_that_year_only(
    client, cycle, department_a, finance
):
    letter = CoverLetter.objects.create(cycle=cycle, department=department_a, heading="Brev")
    grant = ExpiringGrant.objects.create(letter=letter, name="Domen", position=0)
    years = cycle.year_range
    rows = [
        GrantShortfall.objects.create(grant=grant, year=year, amount=amount)
        for year, amount in zip(years[:3], (1_000_000, 2_000_000, None), strict=True)
    ]
    client_for(client, finance)
    url = reverse("letters:grant_edit", args=[cycle.slug, letter.pk, grant.pk])
    client.get(url)
    # The form as finance leaves it: the middle year's shortfall unticked and emptied.
    data = dict.fromkeys(["decision_body", "decision_date", "period_start", "period_end"], "")
    data |= {"name": "Domen", "text": "", "note": "", "decision_amount": ""}
    data |= {f"missing_{years[0]}": "1.000.000", f"known_{years[0]}": "on"}
    data |= {f"missing_{years[2]}": "", f"known_{years[2]}": "on"}
    response = client.post(url, data)
    assert response.status_code == 302
    assert dict(grant.shortfalls.values_list("year", "amount")) == {
        years[0]: 1_000_000,
        years[2]: None,
    }
    # The other years' rows are kept, not deleted and written anew.
    assert set(grant.shortfalls.values_list("pk", flat=True)) == {rows[0].pk, rows[2].pk}
