"""Rules of ticking off the implementation plan: finance only, and the date it was done."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from implementation.models import Absence, ImplementationPlan, PlanGroup, PlanItem
from implementation.services import set_completed

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(cycle):
    plan = ImplementationPlan.objects.create(cycle=cycle, title="Plan", released=True)
    group = PlanGroup.objects.create(plan=plan, name="Gruppe", position=0)
    return PlanItem.objects.create(group=group, title="Budget i balance", position=0)


def test_rule_finance_ticks_an_item_off_and_it_keeps_when_it_was_done(item, finance):
    done = set_completed(item, by=finance, completed=True)
    item.refresh_from_db()
    assert item.completed and item.completed_at is not None
    assert done.completed_at == item.completed_at
    again = set_completed(item, by=finance, completed=True)
    assert again.completed_at == done.completed_at  # ticking twice keeps the first date
    set_completed(item, by=finance, completed=False)
    item.refresh_from_db()
    assert not item.completed and item.completed_at is None


def test_rule_only_finance_changes_the_plan(item, editor_a, politician_a):
    for who in (editor_a, politician_a):
        with pytest.raises(PermissionDenied):
            set_completed(item, by=who, completed=True)
    item.refresh_from_db()
    assert not item.completed and item.completed_at is None


def _group_with(plan, name, done: int, open_: int) -> PlanGroup:
    group = PlanGroup.objects.create(plan=plan, name=name, position=0)
    for i in range(done + open_):
        PlanItem.objects.create(group=group, title=f"{name} {i}", position=i, completed=i < done)
    return group


def test_rule_a_groups_progress_is_the_share_of_items_done_rounded_down(cycle):
    plan = ImplementationPlan.objects.create(cycle=cycle, title="Plan", released=True)
    _group_with(plan, "To af tre", done=2, open_=1)
    _group_with(plan, "Intet endnu", done=0, open_=2)
    _group_with(plan, "Alt", done=4, open_=0)
    _group_with(plan, "Tom", done=0, open_=0)
    expected = {"To af tre": 66, "Intet endnu": 0, "Alt": 100, "Tom": 0}
    annotated = {g.name: g.percent_done for g in PlanGroup.objects.with_progress()}
    counted = {g.name: g.percent_done for g in PlanGroup.objects.all()}
    assert annotated == expected
    assert counted == expected
    assert {g.name: g.item_count for g in PlanGroup.objects.with_progress()}["To af tre"] == 3


def test_rule_an_absence_shows_its_note_in_brackets_only_when_there_is_one():
    assert str(Absence(name="Niels Basballe", note="A")) == "Niels Basballe (A)"
    assert str(Absence(name="Niels Basballe", note="")) == "Niels Basballe"
