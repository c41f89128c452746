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
