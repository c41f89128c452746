"""Background tasks (django-tasks; the database backend and its worker in production)."""

from __future__ import annotations

from datetime import time

from django_tasks import task

# Large publications in parts: their jobs (any worker) and what is done when one is lost.
from budget_portal.publication_parts import assemble_publication, render_publication_part
from budget_portal.publications import render_abandoned, run_render
from budget_portal.schedule import daily, every
from budget_portal.worker import on_abandoned


@task()
def render_publication(publication_id: int) -> None:
    run_render(publication_id)


on_abandoned(render_publication.module_path, render_abandoned)
__all__ = ["assemble_publication", "render_publication", "render_publication_part"]


# Queued after each new mail too; the minute sweep retries failed ones when they are due.
@every(minutes=1)
@task()
def deliver_outbox() -> None:
    from budget_portal.outbox import deliver_due

    deliver_due()


@daily(at=time(3, 0))
@task()
def purge_personal_data() -> None:
    """Nightly: every app's retention rule (hearing responses, the audit log, sent mail)."""
    from budget_portal.retention import purge_all

    purge_all()
