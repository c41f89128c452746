"""Background tasks (django-tasks; the database backend and its worker in production)."""

from __future__ import annotations

from django_tasks import task

from budget_portal.publications import run_render
from budget_portal.schedule import every


@task()
def render_publication(publication_id: int) -> None:
    run_render(publication_id)


# Queued after each new mail too; the minute sweep retries failed ones when they are due.
@every(minutes=1)
@task()
def deliver_outbox() -> None:
    from budget_portal.outbox import deliver_due

    deliver_due()
