"""Publishing a response cannot be undone: it takes a ticked confirmation, with or without
JavaScript; saving a redaction does not."""

from __future__ import annotations

from django.urls import reverse

from hearings.models import Response
from tests.conftest import client_for
from tests.hearings.test_moderation import respond

CONFIRM = "Jeg har læst svaret igennem. Offentliggørelsen kan ikke fortrydes."
REFUSED = "Bekræft, at svaret skal offentliggøres: det kan ikke fortrydes."


def publish_url(response, action="offentliggoer") -> str:
    return reverse("hearings:moderate", args=[response.hearing.slug, response.pk, action])


def test_the_publish_form_asks_for_confirmation(client, hearing, finance):
    response = respond(hearing)
    client_for(client, finance)
    page = client.get(reverse("hearings:moderation", args=[hearing.slug])).content.decode()
    assert CONFIRM in page
    assert 'name="confirm"' in page
    assert f'id="confirm-{response.pk}"' in page


def test_publishing_without_confirmation_is_refused_and_nothing_changes(client, hearing, finance):
    response = respond(hearing)
    client_for(client, finance)
    client.get(reverse("hearings:moderation", args=[hearing.slug]))
    page = client.post(publish_url(response), {"published_text": "Redigeret."}, follow=True)
    assert REFUSED in page.content.decode()
    response.refresh_from_db()
    assert response.state == Response.State.RECEIVED
    assert response.published_text == ""

    client.post(publish_url(response), {"published_text": "Redigeret.", "confirm": "on"})
    response.refresh_from_db()
    assert response.state == Response.State.PUBLISHED
    assert response.published_text == "Redigeret."


def test_with_htmx_the_refusal_shows_in_the_item(client, hearing, finance):
    response = respond(hearing)
    client_for(client, finance)
    client.get(reverse("hearings:moderation", args=[hearing.slug]))
    fragment = client.post(
        publish_url(response), {"published_text": ""}, headers={"HX-Request": "true"}
    )
    html = fragment.content.decode()
    assert fragment.status_code == 200
    assert html.lstrip().startswith('<article class="moderation-item state-modtaget"')
    assert REFUSED in html
    response.refresh_from_db()
    assert response.state == Response.State.RECEIVED


def test_saving_a_redaction_needs_no_confirmation(client, hearing, finance):
    response = respond(hearing)
    client_for(client, finance)
    client.get(reverse("hearings:moderation", args=[hearing.slug]))
    client.post(publish_url(response, "rediger"), {"published_text": "Uden navn."})
    response.refresh_from_db()
    assert response.published_text == "Uden navn."
    assert response.state == Response.State.RECEIVED
