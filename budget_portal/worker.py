"""The worker's own chores beside running tasks: a heartbeat for /healthz and queueing the
periodic jobs of budget_portal/schedule.py. `manage.py run_worker` runs them in a thread."""

from __future__ import annotations

import logging
import os
import socket
import threading
from datetime import datetime, timedelta

from django.db import close_old_connections
from django.utils import timezone

from budget_portal.models import WorkerHeartbeat
from budget_portal.schedule import enqueue_due

logger = logging.getLogger(__name__)
# A worker not heard from in this long is gone; its row is removed.
FORGET_AFTER = timedelta(days=1)


def beat(worker_id: str, *, started_at: datetime, now: datetime | None = None) -> None:
    now = now or timezone.now()
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={"seen_at": now},
        create_defaults={
            "seen_at": now,
            "started_at": started_at,
            "hostname": socket.gethostname()[:255],
            "pid": os.getpid(),
        },
    )
    WorkerHeartbeat.objects.filter(seen_at__lt=now - FORGET_AFTER).delete()


def tick(worker_id: str, *, started_at: datetime, now: datetime | None = None) -> list[str]:
    """One round of chores; returns the names of the periodic jobs it queued."""
    now = now or timezone.now()
    beat(worker_id, started_at=started_at, now=now)
    queued = enqueue_due(now)
    if queued:
        logger.info("queued periodic jobs: %s", ", ".join(queued))
    return queued


class Ticker(threading.Thread):
    """Ticks every INTERVAL seconds until stopped. A thread rather than a step of the task
    loop: a long task (a 500-card catalog takes minutes) must not make the worker look dead,
    nor hold back the periodic jobs, which other workers may then run."""

    def __init__(self, worker_id: str, *, started_at: datetime, interval: float) -> None:
        super().__init__(name="worker-ticker", daemon=True)
        self.worker_id = worker_id
        self.started_at = started_at
        self.interval = interval
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(self.interval):
            try:
                tick(self.worker_id, started_at=self.started_at)
            except Exception:  # the database may be away for a while: keep trying
                logger.exception("worker tick failed")
            finally:
                close_old_connections()

    def stop(self) -> None:
        self.stopped.set()
        self.join(timeout=10)
