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
