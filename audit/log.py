"""`record()`: the one way to write to the audit log."""

from __future__ import annotations

from django.db import models

from audit.context import current_ip
from audit.models import Action, AuditEvent

__all__ = ["Action", "record"]


def record(
    action: Action,
    *,
    actor=None,
    actor_name: str = "",
    target: models.Model | None = None,
    details: dict | None = None,
) -> AuditEvent:
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    event = AuditEvent(
        action=action,
        actor=actor,
        actor_name=(actor.get_username() if actor else actor_name)[:150],
        ip_address=current_ip.get(),
        details=details or {},
    )
    if target is not None:
        event.target_type = target._meta.label_lower
        event.target_id = str(target.pk)
        event.target = str(target)[:300]
    event.save()
    return event


def record_export(request, what: str, target: models.Model | None = None) -> None:
    """A signed-in user took material out of the portal (files with drafts or personal data)."""
    if request.user.is_authenticated:
        record_export_by(request.user, what, path=request.path, target=target)


def record_export_by(user, what: str, *, path: str, target: models.Model | None = None) -> None:
    """record_export for a service, which has the user and the page's path but no request."""
    record(Action.EXPORTED, actor=user, target=target, details={"hvad": what, "sti": path[:300]})
