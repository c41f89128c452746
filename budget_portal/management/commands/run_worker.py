"""run_worker: the background worker of production (django-tasks' db_worker, same options)
with a heartbeat for /healthz and the periodic jobs of budget_portal/schedule.py."""

from __future__ import annotations

import os

from django.conf import settings
from django.utils import timezone
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django.utils.module_loading import autodiscover_modules
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from budget_portal.worker import Ticker, reap_abandoned, tick


class Command(DbWorkerCommand):
    help = (
        "Kører baggrundsjob (som db_worker), melder sig i live hvert "
        "WORKER_HEARTBEAT_SECONDS sekund og lægger de planlagte job i køen, én gang pr. "
        "tidspunkt, selv når flere arbejdere kører."
    )

    def handle(self, *args, **options):
        reloading = options["reload"] and not options["batch"]
        if reloading and os.environ.get(DJANGO_AUTORELOAD_ENV) != "true":
            # This process only watches the files; the child it starts does the work.
            return super().handle(*args, **options)
        autodiscover_modules("tasks")  # each app's tasks.py adds its periodic jobs
        started_at = timezone.now()
        # Restarted under the same id (a fixed --worker-id): what it held before is lost.
        reap_abandoned(restarted=options["worker_id"])
        # The first round at once, in this thread: alive from the start, and a database
        # that is not there stops the worker here with a clear error.
        tick(options["worker_id"], started_at=started_at)
        ticker = Ticker(
            options["worker_id"],
            started_at=started_at,
            interval=settings.WORKER_HEARTBEAT_SECONDS,
        )
        ticker.start()
        try:
            return super().handle(*args, **options)
        finally:
            ticker.stop()
