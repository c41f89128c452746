"""DKFDS as documented: selects carry .form-select (its chevron), buttons .button, alerts
.alert with .alert-body; no style attributes (strict CSP)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from budget_portal.models import BudgetCycle
from tests.conftest import client_for
from tests.factories import CycleFactory


def pages(cycle: BudgetCycle, card) -> list[str]:
    return [
        reverse("home"),
        reverse("my_tasks"),
        reverse("proposals:list", kwargs={"cycle_slug": cycle.slug}),
        card.get_absolute_url(),
        reverse("proposals:edit", kwargs={"cycle_slug": cycle.slug, "number": card.number}),
        reverse("politics:questions", kwargs={"cycle_slug": cycle.slug}),
        reverse("hearings:list"),
        reverse("calendar", kwargs={"cycle_slug": cycle.slug}),
    ]


@pytest.mark.parametrize("who", [None, "finance"])
def test_selects_buttons_and_alerts_use_dkfds_classes(who, request, client, seed_cards, cycle):
    CycleFactory(slug="testrup-2027", first_year=2027)  # the header's switcher shows
    client_for(client, request.getfixturevalue(who) if who else None)
    for url in pages(cycle, seed_cards["T101"]):
        response = client.get(url)
        if response.status_code != 200:
            continue
        html = response.content.decode()
        selects = re.findall(r"<select\b[^>]*>", html)
        assert all("form-select" in s for s in selects), (url, selects)
        buttons = re.findall(r"<button\b[^>]*>", html)
        assert all(re.search(r'class="[^"]*\bbutton\b', b) for b in buttons), (url, buttons)
        assert " style=" not in html, url
        for alert in re.findall(r'<div class="alert\b[^"]*"[^>]*>\s*<div class="([^"]+)"', html):
            assert alert == "alert-body", url
