"""A worker killed mid-render (SIGKILL, as the OOM killer does): the other worker fails the
task it held, finance sees why, and the next request for the catalog renders it again."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from budget_portal.models import Publication, WorkerHeartbeat
from budget_portal.worker import reap_abandoned
from tests.conftest import client_for

ROOT = Path(__file__).resolve().parents[2]
RENDERS = {"task_path": "budget_portal.tasks.render_publication"}
LOST = "Arbejderen stoppede midt i opgaven."


def wait_for(condition, *, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if value := condition():
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def start_worker(worker_id: str, hold: Path) -> subprocess.Popen:
    db = connection.settings_dict
    url = f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.budget_portal.slow_worker_settings",
        "DATABASE_URL": f"{url}:{db['PORT'] or 5432}/{db['NAME']}",
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "TASKS_BACKEND": "database",
        "WORKER_HEARTBEAT_SECONDS": "1",
        "WORKER_HEARTBEAT_SLACK": "1",
        "SLOW_RENDER_HOLD": str(hold),
        "SECRET_KEY": os.environ.get("SECRET_KEY", "test-only"),
        "SECURE_SSL_REDIRECT": "False",
    }
    command = [sys.executable, "manage.py", "run_worker", "--no-reload", "--interval", "0.2",
               "--worker-id", worker_id]  # fmt: skip
    return subprocess.Popen(  # noqa: S603 - our own manage.py with fixed arguments
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


@pytest.mark.skipif(connection.vendor != "postgresql", reason="worker processes share a database")
@pytest.mark.django_db(transaction=True)
def test_the_other_worker_redoes_a_render_whose_worker_was_killed(
    client, finance, seed_cards, cycle, tmp_path, database_tasks
):
    hold = tmp_path / "hold"
    hold.touch()
    workers = {name: start_worker(name, hold) for name in ("w1", "w2")}
    try:
        wait_for(lambda: WorkerHeartbeat.objects.count() == 2, seconds=20, what="two heartbeats")
        client_for(client, finance)
        catalog = reverse("proposals:catalog_pdf", args=[cycle.slug])
        status_page = client.get(catalog, follow=True)
        assert "genereres" in status_page.text or "venter" in status_page.text
        publication = Publication.objects.get()

        marker = tmp_path / "rendering"
        pid = int(
            wait_for(lambda: marker.exists() and marker.read_text(), seconds=10, what="a render")
        )
        rendering = next(name for name, p in workers.items() if p.pid == pid)
        os.kill(pid, signal.SIGKILL)  # no handler runs: the task stays RUNNING in the table
        workers.pop(rendering).wait(timeout=10)
        hold.unlink()
        assert DBTaskResult.objects.get(**RENDERS).status == "RUNNING"

        # The survivor notices the silence (2 x 1 s + 1 s) and fails the task and the render.
        wait_for(lambda: Publication.objects.get().state == "fejlet", seconds=10, what="reaping")
        task = DBTaskResult.objects.get(**RENDERS)
        assert task.status == "FAILED" and rendering in task.traceback
        page = client.get(reverse("publication_status", args=[publication.fingerprint]))
        assert LOST in page.text

        # The next request for the catalog queues it again; the survivor renders it.
        client.get(catalog)
        wait_for(lambda: Publication.objects.get().is_ready, seconds=15, what="the second render")
        done = client.get(catalog)
        assert done.status_code == 302 and done.url.endswith(
            reverse("publication_file", args=[publication.fingerprint])
        )
        pdf = client.get(done.url)
        assert b"".join(pdf.streaming_content).startswith(b"%PDF")
        assert DBTaskResult.objects.get(**RENDERS, status="SUCCESSFUL").worker_ids == [
            next(iter(workers))
        ]
    finally:
        hold.unlink(missing_ok=True)
        for process in workers.values():
            process.terminate()
        for process in workers.values():
            process.wait(timeout=15)


def test_running_tasks_of_a_silent_worker_fail_and_their_publication_with_them(
    db, cycle, database_tasks
):
    from budget_portal.tasks import deliver_outbox, render_publication

    now = timezone.now()
    publication = Publication.objects.create(
        kind="catalog", cycle=cycle, fingerprint="f" * 64, params={}, title="Katalog",
        state=Publication.State.RUNNING,
    )  # fmt: skip
    WorkerHeartbeat.objects.create(
        worker_id="dead", started_at=now, seen_at=now - timedelta(minutes=5)
    )
    WorkerHeartbeat.objects.create(worker_id="alive", started_at=now, seen_at=now)
    lost = render_publication.enqueue(publication.pk)
    busy = deliver_outbox.enqueue()
    before = now - timedelta(minutes=6)
    for result, worker in ((lost, "dead"), (busy, "alive")):
        DBTaskResult.objects.filter(pk=result.id).update(
            status="RUNNING", worker_ids=[worker], started_at=before
        )

    assert [r.pk for r in reap_abandoned(now=now)] == [DBTaskResult.objects.get(pk=lost.id).pk]

    assert DBTaskResult.objects.get(pk=busy.id).status == "RUNNING"
    publication.refresh_from_db()
    assert (publication.state, publication.error) == ("fejlet", LOST)
    assert reap_abandoned(now=now) == []  # once only


def test_a_worker_restarted_under_its_id_fails_what_it_held_before(db, cycle, database_tasks):
    from budget_portal.tasks import deliver_outbox

    now = timezone.now()
    WorkerHeartbeat.objects.create(worker_id="w1", started_at=now, seen_at=now)
    held = deliver_outbox.enqueue()
    DBTaskResult.objects.filter(pk=held.id).update(
        status="RUNNING", worker_ids=["w1"], started_at=now
    )
    assert reap_abandoned(now=now) == []
    assert len(reap_abandoned(now=now, restarted="w1")) == 1
