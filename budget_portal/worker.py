"""The worker's own chores beside running tasks: a heartbeat for /healthz and queueing the
periodic jobs of budget_portal/schedule.py. `manage.py run_worker` runs them in a thread."""

from __future__ import annotations

import logging
import os
import socket
import threading
from collections.abc import Callable
from datetime import datetime, timedelta

from django.conf import settings
from django.db import close_old_connections
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks.base import TaskResultStatus
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from budget_portal.models import WorkerHeartbeat
from budget_portal.schedule import enqueue_due

logger = logging.getLogger(__name__)
# A worker not heard from in this long is gone; its row is removed.
FORGET_AFTER = timedelta(days=1)


class WorkerLost(Exception):
    """A task's worker stopped mid-task (killed, out of memory, machine gone)."""


WORKER_LOST = f"{WorkerLost.__module__}.{WorkerLost.__qualname__}"

# What else to put right when a task of a path is abandoned: task path -> f(args, reason).
_ON_ABANDONED: dict[str, Callable[[list, str], None]] = {}


def on_abandoned(task_path: str, handler: Callable[[list, str], None]) -> None:
    _ON_ABANDONED[task_path] = handler


def dead_after() -> timedelta:
    """Silence after which a worker counts as dead; the same window as /healthz."""
    return timedelta(
        seconds=2 * settings.WORKER_HEARTBEAT_SECONDS + settings.WORKER_HEARTBEAT_SLACK
    )


def reap_abandoned(
    *, now: datetime | None = None, restarted: str | None = None
) -> list[DBTaskResult]:
    """Mark failed the RUNNING tasks whose worker (the last in `worker_ids`) has not beaten
    within `dead_after()`, or is RESTARTED (a worker starting again under the same id runs
    nothing yet). Without this a task claimed by a killed worker stays RUNNING for ever,
    since django-tasks only hands out READY ones. Returns the tasks marked."""
    now = now or timezone.now()
    window = now - dead_after()
    seen = dict(WorkerHeartbeat.objects.values_list("worker_id", "seen_at"))
    alive = {worker for worker, at in seen.items() if at >= window and worker != restarted}
    reason = _("Arbejderen stoppede midt i opgaven.")
    reaped = []
    for result in DBTaskResult.objects.running().only("id", "worker_ids", "started_at"):
        worker = result.worker_ids[-1] if result.worker_ids else None
        if worker in alive:
            continue
        # A worker with no heartbeat at all (plain db_worker) gets the window from the start.
        unknown = worker not in seen and worker != restarted
        if unknown and result.started_at and result.started_at >= window:
            continue
        marked = DBTaskResult.objects.filter(pk=result.pk, status=TaskResultStatus.RUNNING).update(
            status=TaskResultStatus.FAILED,
            finished_at=now,
            exception_class_path=WORKER_LOST,
            traceback=f"{reason} (worker_id={worker})",
        )
        if not marked:
            continue  # another worker reaped it, or it finished just now
        result = DBTaskResult.objects.get(pk=result.pk)
        logger.warning("task %s (%s) abandoned by worker %s", result.pk, result.task_path, worker)
        handler = _ON_ABANDONED.get(result.task_path)
        if handler:
            try:
                handler(result.args_kwargs.get("args", []), reason)
            except Exception:  # the task is failed either way; the others still get reaped
                logger.exception("could not put right after abandoned task %s", result.pk)
        reaped.append(result)
    return reaped


def in_worker(task) -> bool:
    """Does TASK run in a worker process (the database backend), not in the caller?"""
    return isinstance(task.get_backend(), DatabaseBackend)


def waiting(task) -> bool:
    """Is a run of TASK queued and not yet started (ready: READY, its run_after passed)? Only
    the database backend can say; elsewhere the answer is no, so the caller enqueues."""
    if not in_worker(task):
        return False
    return (
        DBTaskResult.objects.ready()
        .filter(task_path=task.module_path, queue_name=task.queue_name)
        .exists()
    )


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
    reap_abandoned(now=now)
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
