"""The status workflow: a department takes a submitted card back; release needs a confirmation."""

from __future__ import annotations

import pytest
from django.urls import reverse

from proposals.models import Proposal, Status
from proposals.rules import transitions_for
from tests.conftest import client_for
from tests.factories import make_card

TAKE_BACK = "Træk tilbage til kladde"


def url(card: Proposal, name: str = "detail") -> str:
    return reverse(
        f"proposals:{name}", kwargs={"cycle_slug": card.cycle.slug, "number": card.number}
    )


@pytest.fixture
def card_in(finance, department_a, committee):
    def make(status: str) -> Proposal:
        number = f"T1{status[:2].upper()}"
        return make_card(
            by=finance, department=department_a, committee=committee, number=number, status=status
        )

    return make


def _post(client, card, target, **extra):
    client.get(url(card))
    return client.post(url(card, "status"), {"target": target, "version": card.version, **extra})


def test_department_takes_a_submitted_card_back_to_draft(client, editor_a, card_in):
    card = card_in(Status.SUBMITTED)
    client_for(client, editor_a)
    page = client.get(url(card)).content.decode()
    assert TAKE_BACK in page
    response = _post(client, card, Status.DRAFT)
    assert response.status_code == 302
    card.refresh_from_db()
    assert card.status == Status.DRAFT
    assert client.get(url(card, "edit")).status_code == 200  # theirs to edit again


@pytest.mark.parametrize(
    "status", [Status.RELEASED, Status.ADOPTED, Status.REJECTED, Status.WITHDRAWN, Status.DRAFT]
)
def test_department_cannot_take_back_once_finance_has_acted(client, editor_a, card_in, status):
    card = card_in(status)
    assert Status.DRAFT not in {t.target for t in transitions_for(editor_a, card)}
    client_for(client, editor_a)
    if status != Status.DRAFT:
        assert TAKE_BACK not in client.get(url(card)).content.decode()
    response = client.post(url(card, "status"), {"target": Status.DRAFT, "version": card.version})
    assert response.status_code in (403, 404)
    card.refresh_from_db()
    assert card.status == status


def test_other_department_and_politician_cannot_take_back(client, editor_b, politician, card_in):
    card = card_in(Status.SUBMITTED)
    for user in (editor_b, politician):
        client_for(client, user)
        response = client.post(url(card, "status"), {"target": Status.DRAFT,
                                                     "version": card.version})  # fmt: skip
        assert response.status_code in (403, 404)
    card.refresh_from_db()
    assert card.status == Status.SUBMITTED


def test_finance_transitions_are_unchanged(finance, card_in):
    submitted = card_in(Status.SUBMITTED)
    labels = [str(t.label) for t in transitions_for(finance, submitted)]
    assert labels == ["Send tilbage til afdelingen", "Frigiv til politikerne", "Træk forslaget"]


def test_release_without_the_confirmation_changes_nothing(client, finance, card_in):
    card = card_in(Status.SUBMITTED)
    revisions = card.revisions.count()
    client_for(client, finance)
    page = client.get(url(card)).content.decode()
    assert 'name="confirm" value="1" required' in page
    assert "Frigivet kan det ikke gøres til kladde igen" in page
    response = _post(client, card, Status.RELEASED)
    assert response.status_code == 302
    card.refresh_from_db()
    assert card.status == Status.SUBMITTED
    assert card.revisions.count() == revisions
    assert "Sæt flueben for at bekræfte" in client.get(url(card)).content.decode()


def test_release_with_the_box_ticked(client, finance, card_in):
    card = card_in(Status.SUBMITTED)
    client_for(client, finance)
    assert _post(client, card, Status.RELEASED, confirm="1").status_code == 302
    card.refresh_from_db()
    assert card.status == Status.RELEASED
