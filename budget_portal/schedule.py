"""Periodic jobs: a schedule kept in code. The worker (`manage.py run_worker`) queues each
job as a django-task when its slot comes, so the work runs in the worker, never in a request,
and a slot is queued once however many workers run.

A job is a task with a schedule decorator above @task(), in its app's tasks.py (the worker
imports every app's tasks module when it starts):

    from budget_portal.schedule import daily, every

    @every(minutes=1)
    @task()
    def deliver_outbox() -> None: ...

    @daily(at=time(3, 0))      # local time (TIME_ZONE)
    @task()
    def purge_expired_responses() -> None: ...

Missed slots are not made up: a worker that was down for an hour queues a job once when it
comes back, not sixty times.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from budget_portal.models import ScheduledJob

Slot = Callable[[datetime], datetime]


@dataclass(frozen=True)
class Job:
    task: object  # a django_tasks Task
    slot: Slot  # the start of the slot a moment falls in: the job is due once per slot

    @property
    def name(self) -> str:
        return self.task.module_path


SCHEDULE: dict[str, Job] = {}
_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


def every(*, minutes: int = 0, hours: int = 0) -> Callable:
    """Due at every multiple of the period, counted from a fixed epoch: all workers agree."""
    period = timedelta(minutes=minutes, hours=hours)
    if period <= timedelta(0):
        raise ValueError("a period must be positive")

    def slot(now: datetime) -> datetime:
        return _EPOCH + (now - _EPOCH) // period * period

    return _register(slot)


def daily(*, at: time) -> Callable:
    """Due once a day at AT local time; a worker that starts later that day runs it then."""

    def slot(now: datetime) -> datetime:
        local = timezone.localtime(now)
        start = datetime.combine(local.date(), at, tzinfo=local.tzinfo)
        if start > now:
            start = datetime.combine(local.date() - timedelta(days=1), at, tzinfo=local.tzinfo)
        return start

    return _register(slot)


def _register(slot: Slot) -> Callable:
    def decorator(task):
        job = Job(task, slot)
        SCHEDULE[job.name] = job
        return task

    return decorator


def enqueue_due(now: datetime | None = None) -> list[str]:
    """Queue every job whose current slot no worker has claimed yet; returns their names."""
    now = now or timezone.now()
    return [job.name for job in SCHEDULE.values() if _claim_and_enqueue(job, now)]


def _claim_and_enqueue(job: Job, now: datetime) -> bool:
    slot = job.slot(now)
    ScheduledJob.objects.bulk_create([ScheduledJob(name=job.name)], ignore_conflicts=True)
    # Two workers may get here for the same slot: the conditional update lets one through
    # (the other waits for its row lock, then finds the slot taken). The claim and the queued
    # task commit together, so a failed enqueue leaves the slot free for the next tick.
    with transaction.atomic():
        claimed = (
            ScheduledJob.objects.filter(name=job.name)
            .filter(Q(last_slot__isnull=True) | Q(last_slot__lt=slot))
            .update(last_slot=slot, last_enqueued_at=now)
        )
        if claimed:
            job.task.enqueue()
    return bool(claimed)
