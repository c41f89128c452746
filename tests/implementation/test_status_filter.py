"""The plan's status filter (ItemStatus): 'I gang' shows exactly the items not completed,
'Afsluttet' exactly the completed ones, and together they are the whole plan."""

from __future__ import annotations

from implementation.models import PlanItem
from tests.implementation.test_plan import plan_url


def _titles(client, plan, params) -> list[str]:
    response = client.get(plan_url(plan), params)
    return sorted(i.title for _g, items in response.context["groups"] for i in items)


def test_rule_the_status_filter_splits_the_plan_into_open_and_completed(client, plan):
    items = PlanItem.objects.filter(group__plan=plan)
    done = sorted(items.filter(completed=True).values_list("title", flat=True))
    still_open = sorted(items.filter(completed=False).values_list("title", flat=True))
    assert done and still_open
    assert _titles(client, plan, {"status": "afsluttet"}) == done
    assert _titles(client, plan, {"status": "aaben"}) == still_open
    assert _titles(client, plan, {}) == sorted(done + still_open)
    html = client.get(plan_url(plan)).content.decode()
    assert '<option value="aaben">I gang</option>' in html
