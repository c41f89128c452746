"""Who moderates responses and handles a sender's personal data: one rule each in
hearings/rules.py, asked by the pages, the header and the services alike."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from hearings.models import Response
from hearings.personal_data import erase_for
from hearings.services import publish_response, reject_response
from tests.clients import scripted_post
from tests.conftest import client_for
from tests.hearings.test_moderation import respond


@pytest.mark.parametrize(
    ("who", "offered"),
    [("finance", True), ("editor_a", False), ("politician", False), (None, False)],
)
def test_rule_only_finance_is_offered_moderation_on_the_hearing_page(
    client, hearing, request, who, offered
):
    if who:
        client_for(client, request.getfixturevalue(who))
    html = client.get(hearing.get_absolute_url()).content.decode()
    assert ("Behandl svar" in html) is offered


@pytest.mark.parametrize("who", ["editor_a", "politician"])
def test_rule_the_moderation_services_refuse_anyone_but_finance(hearing, request, who):
    user = request.getfixturevalue(who)
    response = respond(hearing)
    with pytest.raises(PermissionDenied):
        publish_response(response, by=user)
    with pytest.raises(PermissionDenied):
        reject_response(response, by=user, reason="Støjende")
    response.refresh_from_db()
    assert response.state == Response.State.RECEIVED


def test_rule_only_finance_erases_a_senders_personal_data(hearing, editor_a, finance):
    response = respond(hearing)
    with pytest.raises(PermissionDenied):
        erase_for("karen@example.dk", by=editor_a)
    response.refresh_from_db()
    assert (response.name, response.erased_at) == ("Karen", None)
    assert erase_for("karen@example.dk", by=finance).responses == 1


def test_rule_a_rejected_response_is_not_in_the_note_and_cannot_be_written_there(
    client, hearing, finance
):
    kept = respond(hearing, "Bevar hallen.")
    rejected = reject_response(respond(hearing, "Spam."), by=finance, reason="Reklame")
    client_for(client, finance)
    note = reverse("hearings:note", args=[hearing.slug])
    page = client.get(note).content.decode()
    assert f"Svar nr. {kept.number} " in page
    assert f"Svar nr. {rejected.number} " not in page
    edit = reverse("hearings:note_response", args=[hearing.slug, rejected.pk])
    answer = scripted_post(
        client, edit, {"gruppe": "generelt", "summary": "Resumé", "remark": "Nej"}
    )
    assert answer.status_code == 404
    rejected.refresh_from_db()
    assert (rejected.summary, rejected.remark) == ("", "")
