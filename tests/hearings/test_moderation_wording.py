"""The moderation page tells finance what to do with personal data in plain Danish."""

from __future__ import annotations

from django.urls import reverse

from hearings.forms import PublishForm
from tests.conftest import client_for
from tests.hearings.test_moderation import respond


def test_moderation_says_fjern_personoplysninger(client, hearing, finance):
    respond(hearing)
    client_for(client, finance)
    page = client.get(reverse("hearings:moderation", args=[hearing.slug])).content.decode()
    assert "Fjern personoplysninger (fx CPR-numre)." in page
    assert "Redigér personoplysninger ud" not in page
    assert str(PublishForm().fields["published_text"].help_text).startswith(
        "Fjern personoplysninger (fx CPR-numre)."
    )
