"""Letters follow the portal's free-text rules (budget_portal/forms.py)."""

from __future__ import annotations

from django.urls import reverse

from tests.conftest import client_for
from tests.letters.test_letters import edit_data as letter_data

RLO = "\u202e"
MESSAGE = "Teksten indeholder usynlige retningstegn"


def test_letter_theme_with_bidi_control_is_refused(client, letter, editor_a):
    client_for(client, editor_a)
    data = letter_data(client, letter)
    theme = next(k for k, v in data.items() if k.endswith("-heading") and v == "Cybersikkerhed")
    url = reverse("letters:edit", args=[letter.cycle.slug, letter.pk])
    response = client.post(url, data | {theme: f"Cyber{RLO}"})
    assert response.status_code == 200
    assert MESSAGE in response.content.decode()
    assert letter.themes.filter(heading="Cybersikkerhed").exists()


def test_letter_theme_text_from_a_browser_is_stored_with_lf(client, letter, editor_a):
    client_for(client, editor_a)
    data = letter_data(client, letter)
    theme = next(k for k, v in data.items() if k.endswith("-heading") and v == "Cybersikkerhed")
    text = theme.replace("-heading", "-text")
    url = reverse("letters:edit", args=[letter.cycle.slug, letter.pk])
    assert client.post(url, data | {text: "Et\r\nTo"}).status_code == 302
    assert letter.themes.get(heading="Cybersikkerhed").text == "Et\nTo"


def test_migration_turns_crlf_letters_and_their_snapshots_into_lf(letter, finance):
    import importlib

    from django.apps import apps

    from letters.models import CoverLetter, LetterRevision
    from letters.services import record_revision

    CoverLetter.objects.filter(pk=letter.pk).update(intro="Et\r\nTo")
    revision = letter.revisions.first()
    LetterRevision.objects.filter(pk=revision.pk).update(
        snapshot=revision.snapshot | {"intro": "Et\r\nTo"}
    )
    migration = importlib.import_module("letters.migrations.0002_normalise_line_endings")
    migration.normalise_line_endings(apps, None)

    letter.refresh_from_db()
    assert letter.intro == "Et\nTo"
    assert letter.revisions.first().snapshot["intro"] == "Et\nTo"
    assert record_revision(letter, by=finance, action="Gemt") is None  # nothing really changed
