"""Card rules asked by the pages: who gets the internal catalog, which departments the
card form offers, and which status moves ask for the case that decided them."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.conftest import client_for
from tests.proposals.test_permissions import cards, url  # noqa: F401  (fixture)


@pytest.mark.parametrize(
    ("who", "offered"),
    [("finance", True), ("editor_a", False), ("politician", False), (None, False)],
)
def test_rule_only_finance_is_offered_the_internal_catalog(client, cycle, request, who, offered):
    if who:
        client_for(client, request.getfixturevalue(who))
    html = client.get(reverse("proposals:list", args=[cycle.slug])).content.decode()
    assert ("udgave=intern" in html) is offered


def _department_choices(client, cycle) -> set[str]:
    html = client.get(reverse("proposals:create", args=[cycle.slug])).content.decode()
    select = re.search(r'<select name="department".*?</select>', html, re.S)
    assert select, "no department choice on the card form"
    return set(re.findall(r'<option value="\d+"[^>]*>([^<]+)</option>', select[0]))


def test_rule_the_card_form_offers_finance_every_department_and_an_editor_their_own(
    client, cycle, finance, editor_a, department_a, department_b
):
    client_for(client, finance)
    assert _department_choices(client, cycle) == {department_a.name, department_b.name}
    client_for(client, editor_a)
    assert _department_choices(client, cycle) == {department_a.name}


def test_rule_only_a_decision_asks_for_its_case_number(client, cards, finance):  # noqa: F811
    client_for(client, finance)
    html = client.get(url(cards["released_b"])).content.decode()
    forms = re.findall(r'<form method="post".*?</form>', html, re.S)
    by_target = {
        re.search(r'name="target" value="(\w+)"', f)[1]: f for f in forms if 'name="target"' in f
    }
    assert set(by_target) == {"vedtaget", "forkastet", "trukket"}
    assert {t for t, form in by_target.items() if 'name="case_number"' in form} == {
        "vedtaget",
        "forkastet",
    }
