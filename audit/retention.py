"""How long the audit log is kept (AUDIT_RETENTION_DAYS), and the purge that enforces it."""

from __future__ import annotations

from django.conf import settings

from audit.log import Action, record
from audit.models import AuditEvent


def purge_audit_log() -> int:
    removed = AuditEvent.objects.purge_older_than(settings.AUDIT_RETENTION_DAYS)
    if removed:
        record(
            Action.RETENTION,
            actor_name="system",
            details={"revisionsspor": removed, "dage": settings.AUDIT_RETENTION_DAYS},
        )
    return removed
