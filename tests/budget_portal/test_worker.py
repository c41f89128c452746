"""run_worker: the task worker that also says it is alive and queues the periodic jobs."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from budget_portal.models import WorkerHeartbeat
from budget_portal.outbox import queue_mail
from budget_portal.worker import tick


# The worker's loop closes connections left inside a transaction, as the test's would be.
@pytest.mark.django_db(transaction=True)
def test_run_worker_beats_queues_the_periodic_jobs_and_runs_them(database_tasks):
    queue_mail(["afdeling@kommune.dk"], "Spørgsmål 3 er fordelt", "Svarfrist 1. oktober.")
    DBTaskResult.objects.all().delete()  # as if the kick after the mail was lost
    call_command(
        "run_worker", "--batch", "--no-reload", "--no-startup-delay", "--worker-id", "w1",
        verbosity=0,
    )  # fmt: skip
    beat = WorkerHeartbeat.objects.get(worker_id="w1")
    assert timezone.now() - beat.seen_at < timedelta(seconds=30)
    ran = {r.task_path: r.status for r in DBTaskResult.objects.all()}
    # The nightly purge is due too: a worker starting after 03:00 runs that day's slot.
    assert ran == {
        "budget_portal.tasks.deliver_outbox": "SUCCESSFUL",
        "budget_portal.tasks.purge_personal_data": "SUCCESSFUL",
        "subscriptions.tasks.purge_subscriptions": "SUCCESSFUL",
    }
    assert [m.subject for m in mail.outbox] == ["Spørgsmål 3 er fordelt"]


def test_a_tick_moves_the_heartbeat_and_forgets_workers_long_gone(db, database_tasks):
    started = timezone.now() - timedelta(hours=1)
    WorkerHeartbeat.objects.create(
        worker_id="old", started_at=started - timedelta(days=3), seen_at=started - timedelta(days=2)
    )
    tick("w1", started_at=started, now=started)
    tick("w1", started_at=started, now=started + timedelta(seconds=30))
    beat = WorkerHeartbeat.objects.get()
    assert (beat.worker_id, beat.started_at) == ("w1", started)
    assert beat.seen_at == started + timedelta(seconds=30)
