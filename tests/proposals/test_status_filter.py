"""The card list's status filter offers only the states the reader can see cards in."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.conftest import client_for
from tests.proposals.test_card_list import cards  # noqa: F401 - the fixture

PUBLIC = ["frigivet", "vedtaget", "forkastet"]
ALL = ["kladde", "indsendt", "frigivet", "vedtaget", "forkastet", "trukket"]


def offered(client, cycle) -> list[str]:
    response = client.get(reverse("proposals:list", kwargs={"cycle_slug": cycle.slug}))
    return [value for value, _label in response.context["filter"].form.fields["status"].choices
            if value]  # fmt: skip


@pytest.mark.parametrize(
    ("who", "expected"),
    [(None, PUBLIC), ("politician", PUBLIC), ("editor_a", ALL), ("finance", ALL)],
)
def test_status_choices_follow_what_the_reader_can_see(client, request, cycle, cards, who,  # noqa: F811
                                                       expected):  # fmt: skip
    client_for(client, request.getfixturevalue(who) if who else None)
    assert offered(client, cycle) == expected


def test_anonymous_page_does_not_offer_draft(client, cycle, cards):  # noqa: F811
    html = client.get(reverse("proposals:list", kwargs={"cycle_slug": cycle.slug})).content.decode()
    assert 'value="kladde"' not in html
    assert 'value="indsendt"' not in html
    assert 'value="frigivet"' in html
    # Asking for a hidden state anyway shows no hidden card.
    html = client.get(reverse("proposals:list", kwargs={"cycle_slug": cycle.slug}),
                      {"status": "kladde"}).content.decode()  # fmt: skip
    assert "Kladde om svømmehallen" not in html
