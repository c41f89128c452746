"""Who moderates responses and handles a sender's personal data: one rule each in
hearings/rules.py, asked by the pages, the header and the services alike."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from hearings.models import Response
from hearings.personal_data import erase_for
from hearings.services import publish_response, reject_response
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
