"""Background tasks of subscriptions, run by the worker on budget_portal/schedule.py's clock."""

from __future__ import annotations

from django_tasks import task

from budget_portal.schedule import every
from subscriptions.services import purge_expired


# Hourly: sign-up attempts are counted over the last hour and kept no longer than that.
@every(hours=1)
@task()
def purge_subscriptions() -> None:
    purge_expired()
