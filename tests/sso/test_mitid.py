"""A hearing that asks for MitID: the citizen signs in at the citizen provider first; the name
comes from the claims and cannot be changed; nothing else from the sign-in is kept."""

from __future__ import annotations

import pytest

from audit.models import Action, AuditEvent
from budget_portal.citizen import KEY
from hearings.models import Response
from tests.hearings.test_responding import form_data
from tests.sso.conftest import PEOPLE, provider_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def mitid_hearing(hearing):
    hearing.requires_mitid = True
    hearing.save()
    return hearing


def sign_in_with_mitid(client, hearing, person="borger"):
    page = client.get(hearing.get_absolute_url())
    assert "Log ind med MitID" in page.content.decode()
    start = client.get(f"/log-ind/mitid/?next={hearing.get_absolute_url()}")
    callback = provider_login(start["Location"], person)
    back = client.get(callback.removeprefix("http://testserver"))
    assert back.status_code == 302 and back["Location"] == hearing.get_absolute_url()


def test_without_mitid_the_page_offers_the_sign_in_and_a_post_stores_nothing(
    client, idp, mitid_hearing
):
    page = client.get(mitid_hearing.get_absolute_url())
    body = page.content.decode()
    assert "kræver, at du logger ind med MitID" in body
    assert 'name="text"' not in body

    refused = client.post(
        mitid_hearing.get_absolute_url(), {"name": "Falsk Navn", "text": "x", "email": "a@b.dk"}
    )

    assert refused.status_code == 403
    assert not Response.objects.exists()


def test_the_name_comes_from_mitid_and_cannot_be_changed(client, idp, mitid_hearing):
    sign_in_with_mitid(client, mitid_hearing)
    page = client.get(mitid_hearing.get_absolute_url())
    assert page.context["form"]["name"].value() == "Bo Borgersen"
    assert "Bekræftet med MitID" in page.content.decode()

    data = form_data(client, mitid_hearing, name="Nogen Andens Navn")
    sent = client.post(mitid_hearing.get_absolute_url(), data)

    assert sent.status_code == 302
    stored = Response.objects.get()
    assert (stored.name, stored.name_verified) == ("Bo Borgersen", True)
    receipt = client.get(sent["Location"]).content.decode()
    assert "Bo Borgersen (bekræftet med MitID)" in receipt


def test_no_cpr_number_or_subject_from_the_token_is_stored(client, idp, mitid_hearing):
    sign_in_with_mitid(client, mitid_hearing)
    client.post(mitid_hearing.get_absolute_url(), form_data(client, mitid_hearing))

    cpr = PEOPLE["borger"]["cpr"]
    stored = Response.objects.values()[0]
    assert not [k for k, v in stored.items() if cpr in str(v) or v == "borger"]
    assert KEY not in client.session, "the verified name is forgotten once the response is sent"
    verified = AuditEvent.objects.get(action=Action.VERIFIED)
    assert verified.actor is None and verified.actor_name == ""
    assert cpr not in str(verified.details) and "Bo" not in str(verified.details)


def test_an_ordinary_hearing_still_takes_a_typed_name(client, idp, hearing):
    sent = client.post(hearing.get_absolute_url(), form_data(client, hearing, name="Karen Borger"))
    assert sent.status_code == 302
    assert Response.objects.get().name_verified is False
