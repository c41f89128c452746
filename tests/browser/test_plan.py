"""Finance marks an item of the implementation plan completed, live, in Chromium."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from implementation.models import ImplementationPlan, ItemKind, PlanGroup, PlanItem
from tests.browser.conftest import assert_accessible, log_in


@pytest.fixture
def live_plan(transactional_db, cycle):
    plan = ImplementationPlan.objects.create(cycle=cycle, title="Udmøntningsplan 2024-2027",
                                             released=True)  # fmt: skip
    group = PlanGroup.objects.create(plan=plan, name="Skoler og dagtilbud")
    PlanItem.objects.create(group=group, title="Flere pædagoger", kind=ItemKind.OPERATING)
    PlanItem.objects.create(group=group, title="Ny skolestruktur", kind=ItemKind.CAPITAL,
                            completed=True)  # fmt: skip
    return plan


def test_finance_marks_an_item_completed(page, live_plan, finance):
    log_in(page, finance.username)
    page.goto(f"/budget/{live_plan.cycle.slug}/udmoentningsplan/")
    expect(page.get_by_text("1 af 2 punkter afsluttet (50 %).")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Marker afsluttet: Flere pædagoger").click()
    expect(page.get_by_role("button", name="Genåbn: Flere pædagoger")).to_be_visible()
    assert PlanItem.objects.get(title="Flere pædagoger").completed
    assert_accessible(page)
    page.reload()
    expect(page.get_by_text("2 af 2 punkter afsluttet (100 %).")).to_be_visible()


def test_citizen_reads_the_released_plan(page, live_plan):
    page.goto(f"/budget/{live_plan.cycle.slug}/udmoentningsplan/")
    expect(page.get_by_role("heading", name="Skoler og dagtilbud")).to_be_visible()
    expect(page.get_by_role("button", name="Marker afsluttet: Flere pædagoger")).to_have_count(0)
    assert_accessible(page)
