"""/healthz: 200 when the database answers, every migration is applied and a worker was
heard from lately; 503 with the failing part named otherwise. No login, plain http."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import OperationalError
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from budget_portal import health
from budget_portal.models import WorkerHeartbeat


@pytest.fixture
def needs_worker(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.WORKER_HEARTBEAT_SECONDS = 30  # a worker is late after 2 x 30 + 30 s


def heartbeat(seconds_ago: int) -> None:
    seen = timezone.now() - timedelta(seconds=seconds_ago)
    WorkerHeartbeat.objects.create(worker_id="w1", started_at=seen, seen_at=seen)


def test_all_well(client, db, needs_worker):
    heartbeat(seconds_ago=20)
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "ok": True,
        "database": True,
        "migrations": True,
        "worker": True,
        "worker_age_seconds": 20,
    }
    assert response["Cache-Control"] == "no-store"
    assert not response.cookies


@pytest.mark.parametrize(("seconds_ago", "status"), [(85, 200), (95, 503)])
def test_a_silent_worker_fails_the_check(client, db, needs_worker, seconds_ago, status):
    heartbeat(seconds_ago=seconds_ago)
    response = client.get("/healthz")
    assert response.status_code == status
    assert response.json()["worker"] is (status == 200)
    assert response.json()["worker_age_seconds"] == seconds_ago


def test_no_worker_ever_seen_fails_the_check(client, db, needs_worker):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["worker"] is False
    assert response.json()["worker_age_seconds"] is None


def test_without_the_database_task_backend_no_worker_is_needed(client, db):
    # "immediate" runs tasks in the request (the tests' setting).
    assert client.get("/healthz").status_code == 200


def test_an_unapplied_migration_fails_the_check(client, db, needs_worker, monkeypatch):
    heartbeat(seconds_ago=1)
    monkeypatch.setattr(health, "_migrations_applied", False)
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    # The newest migration: an older one unrecorded under an applied leaf is not "pending".
    [newest] = MigrationLoader(connection).graph.leaf_nodes("budget_portal")
    MigrationRecorder(connection).record_unapplied(*newest)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["migrations"] is False
    assert response.json()["database"] is True


def test_a_database_that_does_not_answer_fails_the_check(client, db, needs_worker, monkeypatch):
    class Down:
        def cursor(self):
            raise OperationalError("connection refused")

    monkeypatch.setattr(health, "connection", Down())
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {
        "ok": False,
        "database": False,
        "migrations": False,
        "worker": False,
        "worker_age_seconds": None,
    }


def test_an_internal_probe_over_http_by_ip_address_is_answered(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["budget.kommune.dk"]
    assert client.get("/", HTTP_HOST="budget.kommune.dk").status_code == 301  # to https
    probe = client.get("/healthz", HTTP_HOST="10.0.3.7:8000")
    assert probe.status_code == 200
    assert probe["X-Request-ID"]


def test_the_check_only_reads(client, db):
    assert client.post("/healthz").status_code == 405
