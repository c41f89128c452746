"""Comments on cards: politicians and finance only; private notes for their author only."""

from __future__ import annotations

from django.urls import reverse

from politics.models import Comment
from tests.clients import scripted_post
from tests.conftest import client_for


def add(client, card, text, private=False, htmx=False, scripted=False):
    data = {"text": text, **({"private": "1"} if private else {})}
    headers = {"HX-Request": "true"} if htmx else {}
    url = reverse("politics:comment_add", args=[card.pk])
    if scripted:  # no page offers this user the form
        return scripted_post(client, url, data, headers=headers)
    client.get(card.get_absolute_url())
    return client.post(url, data, headers=headers)


def test_comments_and_private_notes(client, seed_cards, politician_a, politician_b, finance):
    card = seed_cards["T105"]
    client_for(client, politician_a)
    add(client, card, "Kan vi tage halvdelen?")
    fragment = add(client, card, "Husk at spørge til SOC.", private=True, htmx=True)
    assert fragment.content.decode().lstrip().startswith('<section id="kommentarer"')
    client_for(client, politician_b)
    html = client.get(card.get_absolute_url()).content.decode()
    assert "Kan vi tage halvdelen?" in html
    assert "Husk at spørge til SOC." not in html
    client_for(client, finance)
    html = client.get(card.get_absolute_url()).content.decode()
    assert "Kan vi tage halvdelen?" in html and "Husk at spørge til SOC." not in html


def test_the_public_and_editors_see_no_comments(client, seed_cards, politician_a, editor_a):
    card = seed_cards["T101"]
    client_for(client, politician_a)
    add(client, card, "Intern bemærkning")
    client.logout()
    assert "Intern bemærkning" not in client.get(card.get_absolute_url()).content.decode()
    client_for(client, editor_a)
    assert "Intern bemærkning" not in client.get(card.get_absolute_url()).content.decode()
    assert add(client, card, "Må jeg?", scripted=True).status_code == 403


def test_edits_keep_history_and_only_the_author_edits(
    client, seed_cards, politician_a, politician_a2
):
    card = seed_cards["T101"]
    client_for(client, politician_a)
    add(client, card, "Første udgave")
    comment = Comment.objects.get()
    url = reverse("politics:comment_edit", args=[comment.pk])
    client.get(card.get_absolute_url())
    client.post(url, {"text": "Anden udgave"})
    comment.refresh_from_db()
    assert comment.text == "Anden udgave"
    assert [e.text for e in comment.edits.all()] == ["Første udgave"]
    client_for(client, politician_a2)
    assert scripted_post(client, url, {"text": "Kapret"}).status_code == 403
    comment.refresh_from_db()
    assert comment.text == "Anden udgave"
