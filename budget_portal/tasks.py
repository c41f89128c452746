"""Background tasks (django-tasks; the database backend and its worker in production)."""

from __future__ import annotations

from django_tasks import task

from budget_portal.publications import run_render


@task()
def render_publication(publication_id: int) -> None:
    run_render(publication_id)


@task()
def deliver_outbox() -> None:
    from budget_portal.outbox import deliver_due

    deliver_due()


@task()
def purge_personal_data() -> None:
    """Nightly: the retention rules for hearing responses and for the audit log."""
    from audit.retention import purge_audit_log
    from hearings.personal_data import apply_retention

    apply_retention()
    purge_audit_log()
