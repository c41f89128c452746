"""The periodic jobs: each is queued once per slot of its schedule, in the worker, however
many workers tick; missed slots are not made up. The clock is the test's."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, time

import pytest
from django.db import connection
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from budget_portal import schedule
from budget_portal.models import ScheduledJob

RUNS: list[str] = []


@task()
def sweep() -> None:
    RUNS.append("sweep")


@task()
def nightly() -> None:
    RUNS.append("nightly")


@pytest.fixture
def jobs(monkeypatch, settings):
    """An empty schedule for the test's own jobs, queued in the database like production."""
    monkeypatch.setattr(schedule, "SCHEDULE", {})
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    return schedule


def queued(name: str) -> int:
    return DBTaskResult.objects.filter(task_path=f"{__name__}.{name}").count()


def at(hh_mm_ss: str, day: int = 2) -> datetime:
    return datetime.combine(date(2026, 3, day), time.fromisoformat(hh_mm_ss), tzinfo=UTC)


def test_a_minute_job_is_queued_once_per_minute(db, jobs):
    jobs.every(minutes=1)(sweep)
    assert jobs.enqueue_due(at("10:00:05")) == [f"{__name__}.sweep"]
    assert jobs.enqueue_due(at("10:00:35")) == []  # same minute: not due again
    assert jobs.enqueue_due(at("10:00:59")) == []
    assert jobs.enqueue_due(at("10:01:00")) == [f"{__name__}.sweep"]
    assert queued("sweep") == 2
    assert RUNS == []  # queued for the worker, not run here


def test_a_second_worker_in_the_same_slot_queues_nothing(db, jobs):
    jobs.every(minutes=1)(sweep)
    first = jobs.enqueue_due(at("10:00:01"))
    second = jobs.enqueue_due(at("10:00:02"))  # another worker, a moment later
    assert (first, second) == ([f"{__name__}.sweep"], [])
    assert queued("sweep") == 1


def test_a_worker_with_a_slow_clock_does_not_queue_a_slot_again(db, jobs):
    jobs.every(minutes=1)(sweep)
    jobs.enqueue_due(at("10:01:00"))
    assert jobs.enqueue_due(at("10:00:50")) == []  # its clock is 10 s behind
    assert queued("sweep") == 1


def test_missed_slots_are_not_made_up(db, jobs):
    jobs.every(minutes=1)(sweep)
    jobs.enqueue_due(at("10:00:00"))
    jobs.enqueue_due(at("11:00:30"))  # the worker was away for an hour
    assert queued("sweep") == 2


def test_a_nightly_job_runs_at_its_local_hour(db, jobs, settings):
    settings.TIME_ZONE = "Europe/Copenhagen"
    jobs.daily(at=time(3, 0))(nightly)
    # 2 March 2026, winter time: 03:00 in Copenhagen is 02:00 UTC.
    assert jobs.enqueue_due(at("01:00:00")) == [f"{__name__}.nightly"]  # new worker: due
    assert jobs.enqueue_due(at("01:59:59")) == []  # still the night before's slot
    assert jobs.enqueue_due(at("02:00:00")) == [f"{__name__}.nightly"]
    assert jobs.enqueue_due(at("23:59:00")) == []
    assert jobs.enqueue_due(at("02:00:00", day=3)) == [f"{__name__}.nightly"]
    assert ScheduledJob.objects.get(name=f"{__name__}.nightly").last_slot == at("02:00", 3)


def test_a_failed_enqueue_leaves_the_slot_for_the_next_tick(db, jobs, monkeypatch):
    jobs.every(minutes=1)(sweep)
    real_enqueue = type(sweep).enqueue

    def broken(self, *args, **kwargs):
        raise ConnectionError("queue away")

    monkeypatch.setattr(type(sweep), "enqueue", broken)
    with pytest.raises(ConnectionError):
        jobs.enqueue_due(at("10:00:01"))
    monkeypatch.setattr(type(sweep), "enqueue", real_enqueue)
    assert jobs.enqueue_due(at("10:00:31")) == [f"{__name__}.sweep"]
    assert queued("sweep") == 1


def test_outbox_delivery_is_scheduled_every_minute():
    from budget_portal.tasks import deliver_outbox

    job = schedule.SCHEDULE["budget_portal.tasks.deliver_outbox"]
    assert job.task is deliver_outbox
    assert job.slot(at("10:00:59")) == at("10:00:00")
    assert job.slot(at("10:01:00")) == at("10:01:00")


def test_personal_data_retention_runs_every_night_at_three():
    job = schedule.SCHEDULE["budget_portal.tasks.purge_personal_data"]
    assert timezone.localtime(job.slot(at("10:00:00"))).hour == 3
    assert job.slot(at("10:00:00")) == job.slot(at("23:59:00"))


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="two connections at once need PostgreSQL"
)
@pytest.mark.django_db(transaction=True)
def test_two_workers_ticking_at_once_queue_a_slot_once(jobs):
    jobs.every(minutes=1)(sweep)
    results, errors = [], []
    start = threading.Barrier(4)

    def worker():
        try:
            start.wait()
            results.append(jobs.enqueue_due(at("10:00:01")))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(map(len, results)) == [0, 0, 0, 1]
    assert queued("sweep") == 1


def test_a_period_must_be_positive():
    with pytest.raises(ValueError):
        schedule.every(minutes=0)
