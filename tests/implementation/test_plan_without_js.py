"""The plan's toggle forms sit in `{% include ... only %}`: they must carry their own CSRF
token, or finance cannot mark items with JavaScript off."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from implementation.models import PlanItem
from tests.csrf_forms import tokens_in


@pytest.fixture
def browser_client(db) -> Client:
    return Client(enforce_csrf_checks=True)


def test_finance_marks_a_plan_item_completed_without_javascript(browser_client, plan, finance):
    item = PlanItem.objects.get(title="Flere pædagoger")
    browser_client.force_login(finance)
    page = browser_client.get(reverse("implementation:plan", args=[plan.cycle.slug])).text
    action = reverse("implementation:toggle", args=[plan.cycle.slug, item.pk])
    [token] = tokens_in(page, action)
    posted = browser_client.post(action, {"csrfmiddlewaretoken": token, "completed": "1"})
    assert posted.status_code == 302
    item.refresh_from_db()
    assert item.completed
