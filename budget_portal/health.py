"""/healthz: may this instance take traffic? The database answers, every migration is
applied, and a worker has been heard from lately. JSON, no login, nothing personal, no
template; each check is skipped when the one before it failed."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Max
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_safe

from budget_portal.models import WorkerHeartbeat

PATH = "/healthz"
# Once every migration is applied, a running process stays that way (its code is fixed), so
# the migration graph is built only until then: the probe stays a couple of queries.
_migrations_applied = False


def database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return False
    return True


def migrations_ok() -> bool:
    global _migrations_applied
    if not _migrations_applied:
        try:
            executor = MigrationExecutor(connection)
            plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        except DatabaseError:
            return False
        _migrations_applied = not plan
    return _migrations_applied


def worker_needed() -> bool:
    """Only the database task backend needs a worker; "immediate" runs tasks in the request."""
    return settings.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"


def worker_age(now: datetime) -> float | None:
    """Seconds since the newest heartbeat of any worker; None if none was ever seen."""
    try:
        last = WorkerHeartbeat.objects.aggregate(last=Max("seen_at"))["last"]
    except DatabaseError:
        return None
    return None if last is None else max(0.0, (now - last).total_seconds())


def report(now: datetime | None = None) -> dict:
    now = now or timezone.now()
    database = database_ok()
    migrations = database and migrations_ok()
    age = worker_age(now) if database else None
    limit = 2 * settings.WORKER_HEARTBEAT_SECONDS + settings.WORKER_HEARTBEAT_SLACK
    worker = not worker_needed() or (age is not None and age < limit)
    return {
        "ok": database and migrations and worker,
        "database": database,
        "migrations": migrations,
        "worker": worker,
        "worker_age_seconds": None if age is None else round(age),
    }


@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    body = report()
    response = JsonResponse(body, status=200 if body["ok"] else 503)
    response["Cache-Control"] = "no-store"
    return response


class HealthCheckMiddleware:
    """Answers /healthz before the host check and everything after it: a probe asks by the
    container's address, which ALLOWED_HOSTS rightly does not list."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == PATH:
            return healthz(request)
        return self.get_response(request)
