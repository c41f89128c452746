"""Requests a browser would never send: extra fields, forged transitions, other people's ids."""

from __future__ import annotations

from django.urls import reverse

from hearings.models import Response
from politics.models import Scenario
from politics.services import create_scenario
from proposals.models import Proposal, Status
from tests.clients import scripted_post
from tests.conftest import client_for
from tests.factories import make_card
from tests.hearings.test_responding import form_data


def test_a_citizen_cannot_set_state_number_or_published_text(client, hearing):
    data = form_data(client, hearing, state="offentliggjort", number="999",
                     published_text="Falsk", moderated_by="1", receipt="egen")  # fmt: skip
    client.post(hearing.get_absolute_url(), data)
    stored = Response.objects.get()
    assert stored.state == Response.State.RECEIVED
    assert stored.number == 1 and stored.published_text == "" and stored.moderated_by is None
    assert stored.receipt != "egen"
    assert "Falsk" not in client.get(hearing.get_absolute_url()).text


def test_an_editor_cannot_create_a_released_card_or_one_for_another_department(
    client, editor_a, cycle, department_a, department_b, committee, finance
):
    client_for(client, editor_a)
    data = {"number": "T150", "title": "Forsøg", "kind": "T", "committee": committee.pk,
            "department": department_a.pk, "price_year": "2026", "start_date": "",
            "service_frame": "ja", "background": "", "consequences": "",
            "status": Status.RELEASED, "version": "7", "created_by": finance.pk}  # fmt: skip
    for year in cycle.year_range:
        data |= {f"expenses_{year}": "1", f"revenues_{year}": "0", f"fte_{year}": "0"}
    assert (
        scripted_post(client, reverse("proposals:create", args=[cycle.slug]), data).status_code
        == 302
    )
    card = Proposal.objects.get(number="T150")
    assert card.status == Status.DRAFT and card.version == 1
    assert card.revisions.get().author == editor_a
    refused = scripted_post(client, reverse("proposals:create", args=[cycle.slug]),
                          {**data, "number": "T151", "department": department_b.pk})  # fmt: skip
    assert refused.status_code == 200
    assert not Proposal.objects.filter(number="T151").exists()


def test_a_forged_transition_is_refused_and_changes_nothing(
    client, editor_a, finance, department_a, committee
):
    card = make_card(by=finance, department=department_a, committee=committee, number="T101",
                     status=Status.SUBMITTED)  # fmt: skip
    client_for(client, editor_a)
    for target in (Status.RELEASED, Status.ADOPTED, "noget-andet"):
        url = reverse("proposals:status", args=[card.cycle.slug, "T101"])
        response = scripted_post(client, url, {"target": target, "version": card.version})
        assert response.status_code == 403
    card.refresh_from_db()
    assert card.status == Status.SUBMITTED


def test_another_partys_scenario_is_not_found_by_its_number(
    client, cycle, politician_a, politician_b
):
    theirs = create_scenario(cycle, by=politician_a, name="Venstres plan")
    client_for(client, politician_b)
    for name in ("politics:scenario", "politics:xlsx"):
        assert client.get(reverse(name, args=[cycle.slug, theirs.pk])).status_code == 404
    for name in ("politics:copy", "politics:share"):
        assert scripted_post(client, reverse(name, args=[cycle.slug, theirs.pk])).status_code == 404
    assert Scenario.objects.count() == 1
    theirs.refresh_from_db()
    assert not theirs.shared_with_party
