"""Who sees and changes which card, in every view and htmx partial."""

from __future__ import annotations

import pytest
from django.urls import reverse

from proposals.models import Proposal, Status
from tests.clients import scripted_post
from tests.conftest import client_for
from tests.factories import make_card


@pytest.fixture
def cards(finance, department_a, department_b, committee, committee_b):
    return {
        "draft_a": make_card(
            by=finance, department=department_a, committee=committee, number="T101"
        ),
        "submitted_a": make_card(
            by=finance, department=department_a, committee=committee, number="T102",
            status=Status.SUBMITTED,
        ),
        "draft_b": make_card(
            by=finance, department=department_b, committee=committee_b, number="T304"
        ),
        "released_b": make_card(
            by=finance, department=department_b, committee=committee_b, number="T305",
            status=Status.RELEASED,
        ),
        "withdrawn_a": make_card(
            by=finance, department=department_a, committee=committee, number="T109",
            status=Status.WITHDRAWN,
        ),
    }  # fmt: skip


def url(card: Proposal, name: str = "detail") -> str:
    return reverse(
        f"proposals:{name}", kwargs={"cycle_slug": card.cycle.slug, "number": card.number}
    )


def listed_numbers(response) -> set[str]:
    return {card.number for card in response.context["cards"]}


def test_anonymous_sees_only_released_cards(client, cards, cycle):
    response = client.get(reverse("proposals:list", kwargs={"cycle_slug": cycle.slug}))
    assert listed_numbers(response) == {"T305"}
    for key in ("draft_a", "submitted_a", "draft_b", "withdrawn_a"):
        assert client.get(url(cards[key])).status_code == 404
    assert client.get(url(cards["released_b"])).status_code == 200


def test_anonymous_htmx_list_partial_hides_drafts(client, cards, cycle):
    response = client.get(
        reverse("proposals:list", kwargs={"cycle_slug": cycle.slug}) + "?kind=T",
        headers={"HX-Request": "true"},
    )
    assert b"T305" in response.content
    assert b"T101" not in response.content
    assert b"<html" not in response.content


def test_politician_reads_released_cards_but_not_drafts(client, cards, cycle, politician):
    client_for(client, politician)
    response = client.get(reverse("proposals:list", kwargs={"cycle_slug": cycle.slug}))
    assert listed_numbers(response) == {"T305"}
    assert client.get(url(cards["draft_a"])).status_code == 404
    assert client.get(url(cards["released_b"], "edit")).status_code == 403
    assert client.get(url(cards["released_b"], "history")).status_code == 403


def test_editor_sees_own_departments_drafts_not_others(client, cards, cycle, editor_a):
    client_for(client, editor_a)
    response = client.get(reverse("proposals:list", kwargs={"cycle_slug": cycle.slug}))
    assert listed_numbers(response) == {"T101", "T102", "T109", "T305"}
    assert client.get(url(cards["draft_b"])).status_code == 404
    assert client.get(url(cards["draft_b"], "edit")).status_code == 404
    assert client.get(url(cards["draft_b"], "history")).status_code == 404


def test_editor_edits_own_draft_only(client, cards, editor_a):
    client_for(client, editor_a)
    assert client.get(url(cards["draft_a"], "edit")).status_code == 200
    # Submitted: the card is finance's now.
    assert client.get(url(cards["submitted_a"], "edit")).status_code == 403
    assert client.get(url(cards["released_b"], "edit")).status_code == 403


def test_finance_sees_and_edits_everything_editable(client, cards, cycle, finance):
    client_for(client, finance)
    response = client.get(reverse("proposals:list", kwargs={"cycle_slug": cycle.slug}))
    assert listed_numbers(response) == {"T101", "T102", "T109", "T304", "T305"}
    for key in ("draft_a", "submitted_a", "draft_b", "released_b"):
        assert client.get(url(cards[key], "edit")).status_code == 200
    assert client.get(url(cards["withdrawn_a"], "edit")).status_code == 403


def test_anonymous_is_sent_to_login_for_changes(client, cards, cycle):
    response = client.get(url(cards["released_b"], "edit"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]
    response = client.get(reverse("proposals:create", kwargs={"cycle_slug": cycle.slug}))
    assert response.status_code == 302


def test_politician_cannot_create(client, cycle, politician):
    client_for(client, politician)
    assert (
        client.get(reverse("proposals:create", kwargs={"cycle_slug": cycle.slug})).status_code
        == 403
    )


@pytest.mark.parametrize(
    ("who", "card", "target", "allowed"),
    [
        ("editor_a", "draft_a", Status.SUBMITTED, True),
        ("editor_a", "draft_a", Status.RELEASED, False),
        ("editor_a", "submitted_a", Status.DRAFT, True),  # "Træk tilbage til kladde"
        ("editor_b", "draft_b", Status.WITHDRAWN, True),
        ("politician", "released_b", Status.ADOPTED, False),
        ("finance", "submitted_a", Status.RELEASED, True),
        ("finance", "released_b", Status.ADOPTED, True),
        ("finance", "draft_a", Status.ADOPTED, False),
        ("finance", "withdrawn_a", Status.DRAFT, True),
    ],
)
def test_status_workflow_by_role(client, cards, request, who, card, target, allowed):
    user = request.getfixturevalue(who)
    client_for(client, user)
    proposal = cards[card]
    before = proposal.status
    data = {"target": target, "version": proposal.version, "confirm": "1"}
    if allowed:  # through the card page's form, as a person would
        client.get(proposal.get_absolute_url())
        response = client.post(url(proposal, "status"), data)
    else:  # a forged request: the server itself must refuse it
        response = scripted_post(client, url(proposal, "status"), data)
    proposal.refresh_from_db()
    if allowed:
        assert response.status_code == 302
        assert proposal.status == target
    else:
        assert response.status_code == 403
        assert proposal.status == before


def test_status_change_needs_post(client, cards, finance):
    client_for(client, finance)
    assert client.get(url(cards["draft_a"], "status")).status_code == 405


def test_editor_cannot_move_a_card_to_another_department(
    client, cards, editor_a, department_b, committee
):
    client_for(client, editor_a)
    card = cards["draft_a"]
    form = client.get(url(card, "edit")).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data.update(department=department_b.pk, status=Status.RELEASED, committee=committee.pk)
    response = client.post(url(card, "edit"), data)
    assert response.status_code == 200
    assert "department" in response.context["form"].errors
    card.refresh_from_db()
    assert card.department.name == "Økonomi og Personale"
    assert card.status == Status.DRAFT


def test_a_decision_can_cite_its_case(client, cards, finance):
    client_for(client, finance)
    card = cards["released_b"]
    client.get(card.get_absolute_url())
    client.post(
        url(card, "status"),
        {"target": Status.ADOPTED, "version": card.version, "case_number": "23/9260"},
    )
    card.refresh_from_db()
    assert card.status == Status.ADOPTED
    assert (
        card.revisions.first().action == "Status: Frigivet til politikerne → Vedtaget (sag 23/9260)"
    )
