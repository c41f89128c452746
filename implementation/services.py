"""Verbs on the implementation plan."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from implementation.models import PlanItem


@transaction.atomic
def set_completed(item: PlanItem, *, by, completed: bool) -> PlanItem:
    # `pragma: no mutate` where a mutant is the same program: the rule (is_finance) does not read
    # the plan it is asked about, and the row just locked has no other field a full save writes.
    allowed = by.has_perm("implementation.change_plan", item.group.plan)  # pragma: no mutate
    if not allowed:
        raise PermissionDenied
    locked = PlanItem.objects.select_for_update().get(pk=item.pk)
    if locked.completed != completed:
        locked.completed = completed
        locked.completed_at = timezone.now() if completed else None
        locked.save(update_fields=["completed", "completed_at"])  # pragma: no mutate
    return locked
