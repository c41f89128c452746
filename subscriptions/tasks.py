"""Background tasks of subscriptions (for the scheduled-task registry)."""

from __future__ import annotations

from django_tasks import task

from subscriptions.services import purge_expired


@task()
def purge_subscriptions() -> None:
    purge_expired()
