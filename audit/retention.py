"""How long the audit log is kept (AUDIT_RETENTION_DAYS), and the purge that enforces it."""

from __future__ import annotations

from django.conf import settings
from django.db import connections

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


def write_database_retention(using: str = "default", **kwargs) -> None:
    """Tell PostgreSQL's audit triggers the retention: `audit_retention_days()` is rewritten with
    AUDIT_RETENTION_DAYS. Run on post_migrate (as the tables' owner: only the owner may replace
    the function), so changing the setting takes effect with the next `migrate`."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return
    # `pragma: no mutate` on the SQL: keywords and unquoted names are the same in any letter
    # case in PostgreSQL, so a mutant in capitals or small letters is the same statement.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT to_regprocedure('audit_retention_days()') IS NOT NULL"  # pragma: no mutate
        )
        if not cursor.fetchone()[0]:
            return  # migrated backwards past audit 0003
        cursor.execute("SELECT audit_retention_days()")  # pragma: no mutate
        days = int(settings.AUDIT_RETENTION_DAYS)
        if cursor.fetchone()[0] != days:
            cursor.execute(
                "CREATE OR REPLACE FUNCTION audit_retention_days() "  # pragma: no mutate
                "RETURNS integer "  # pragma: no mutate
                f"LANGUAGE sql STABLE AS $$ SELECT {days} $$"
            )
