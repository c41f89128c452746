"""Verbs on the implementation plan."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from implementation.models import PlanItem


@transaction.atomic
def set_completed(item: PlanItem, *, by, completed: bool) -> PlanItem:
    if not by.has_perm("implementation.change_plan", item.group.plan):
        raise PermissionDenied
    locked = PlanItem.objects.select_for_update().get(pk=item.pk)
    if locked.completed != completed:
        locked.completed = completed
        locked.completed_at = timezone.now() if completed else None
        locked.save(update_fields=["completed", "completed_at"])
    return locked
