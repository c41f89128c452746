"""'Nyt siden sidst': a politician sees what changed on a card since the last visit."""

from __future__ import annotations

from django.urls import reverse

from budget_portal.figures import YearValues
from proposals.services import revise_proposal
from tests.conftest import client_for


def test_new_and_changed_marks_and_field_by_field_changes(client, cycle, seed_cards,
                                                          politician_a, finance):  # fmt: skip
    client_for(client, politician_a)
    room = reverse("politics:reading_room", args=[cycle.slug])
    states = {c.number: s for cards in client.get(room).context["groups"].values()
              for c, s in cards}  # fmt: skip
    assert states["T101"] == "ny"
    card = seed_cards["T101"]
    first = client.get(card.get_absolute_url()).content.decode()
    assert "Nyt siden sidst" not in first
    card.refresh_from_db()
    revise_proposal(
        card,
        by=finance,
        fields={"title": "KOMBIT"},
        years={2026: YearValues(2_500_000, 0, 0)},
        based_on_version=card.version,
    )
    states = {c.number: s for cards in client.get(room).context["groups"].values()
              for c, s in cards}  # fmt: skip
    assert states["T101"] == "ændret"
    assert states["T105"] == "ny"
    page = client.get(card.get_absolute_url())
    html = page.content.decode()
    assert "Nyt siden sidst" in html
    changes = html.split("Nyt siden sidst")[1].split("</section>")[0]
    assert "Titel" in changes and "KOMBIT" in changes
    assert "Udgifter 2026" in changes and "2,500" in changes
    assert "Udgifter 2027" not in changes
    # Seen now: the next visit shows nothing new.
    assert "Nyt siden sidst" not in client.get(card.get_absolute_url()).content.decode()


def _states(client, cycle) -> dict[str, str]:
    room = client.get(reverse("politics:reading_room", args=[cycle.slug]))
    return {c.number: s for cards in room.context["groups"].values() for c, s in cards}


def test_own_edits_are_not_news_to_their_author(client, cycle, seed_cards, finance):
    from tests.factories import UserFactory

    client_for(client, finance)
    # Finance created and released every card: none is "new" to them.
    assert set(_states(client, cycle).values()) == {""}
    card = seed_cards["T101"]
    client.get(card.get_absolute_url())
    card.refresh_from_db()
    revise_proposal(card, by=finance, fields={"title": "Egen rettelse"}, years={},
                    based_on_version=card.version)  # fmt: skip
    assert _states(client, cycle)["T101"] == ""
    assert "Nyt siden sidst" not in client.get(card.get_absolute_url()).content.decode()

    # A colleague's edit after one's own is news, and only the colleague's change is listed.
    colleague = UserFactory(username="kollega", roles=["okonomi"])
    card.refresh_from_db()
    revise_proposal(card, by=finance, fields={"title": "Egen rettelse 2"}, years={},
                    based_on_version=card.version)  # fmt: skip
    card.refresh_from_db()
    revise_proposal(card, by=colleague, fields={}, years={2026: YearValues(2_500_000, 0, 0)},
                    based_on_version=card.version)  # fmt: skip
    assert _states(client, cycle)["T101"] == "ændret"
    html = client.get(card.get_absolute_url()).content.decode()
    changes = html.split("Nyt siden sidst")[1].split("</section>")[0]
    assert "Udgifter 2026" in changes and "2,500" in changes
    assert "Egen rettelse" not in changes
