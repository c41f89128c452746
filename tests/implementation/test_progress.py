"""Marking a plan item done updates the counters with the row (htmx) and after the redirect."""

from __future__ import annotations

import re

from django.urls import reverse

from implementation.models import PlanItem
from tests.conftest import client_for
from tests.implementation.test_plan import plan_url


def _oob(html: str, element_id: str) -> str:
    match = re.search(rf'<(\w+) id="{element_id}" hx-swap-oob="true">(.*?)</\1>', html, re.S)
    assert match, f"no out-of-band #{element_id} in the answer"
    return re.sub(r"\s+", " ", match.group(2))


def test_htmx_toggle_returns_the_row_and_the_counters_out_of_band(client, plan, finance):
    item = PlanItem.objects.get(title="Flere pædagoger")
    client_for(client, finance)
    client.get(plan_url(plan))
    url = reverse("implementation:toggle", args=[plan.cycle.slug, item.pk])
    html = client.post(url, {"completed": "1"}, headers={"HX-Request": "true"}).content.decode()
    assert html.lstrip().startswith(f'<tr id="punkt-{item.pk}" class="item-done"')
    assert "2 af 3 punkter afsluttet (66 %)." in _oob(html, f"fremdrift-gruppe-{item.group_id}")
    assert "I alt 3 af 5 punkter afsluttet." in _oob(html, "fremdrift-i-alt")
    # The ids it swaps are on the page, where the same templates render them.
    page = client.get(plan_url(plan)).content.decode()
    assert f'id="fremdrift-gruppe-{item.group_id}"' in page
    assert 'id="fremdrift-i-alt"' in page


def test_plain_post_redirects_and_the_page_shows_the_new_counts(client, plan, finance):
    item = PlanItem.objects.get(title="Budget i balance")
    client_for(client, finance)
    client.get(plan_url(plan))
    url = reverse("implementation:toggle", args=[plan.cycle.slug, item.pk])
    response = client.post(url, {"completed": "0"}, follow=True)
    assert response.redirect_chain == [(plan_url(plan), 302)]
    html = response.content.decode()
    assert "I alt 1 af 5 punkter afsluttet." in html
    assert "0 af 2 punkter afsluttet (0 %)." in html
