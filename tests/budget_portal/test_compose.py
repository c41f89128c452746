"""compose.yaml and the image: the three services, one image for web and worker, no secret
in the files, and every variable compose hands over described in README's "Drift"."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
SECRET = re.compile(r"SECRET|PASSWORD|TOKEN|ACCESS_KEY")
INTERPOLATED = re.compile(r"\$\{([A-Z][A-Z0-9_]*)")


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "compose.yaml").read_text())


def drift_section() -> str:
    readme = (ROOT / "README.md").read_text()
    start = readme.index("\n## Drift\n")
    end = readme.find("\n## ", start + 1)
    return readme[start : end if end > 0 else None]


def documented() -> set[str]:
    names = set()
    prose = re.sub(r"```.*?```", "", drift_section(), flags=re.DOTALL)
    for code in re.findall(r"`([^`]+)`", prose):
        names.update(re.findall(r"\b[A-Z][A-Z0-9_]{2,}\b", code))
    return names


def test_web_worker_and_db_with_one_image_for_web_and_worker(compose):
    services = compose["services"]
    assert set(services) == {"web", "worker", "db"}
    web, worker, db = services["web"], services["worker"], services["db"]
    assert web["image"] == worker["image"]
    assert web["build"] == worker["build"] == "."
    assert "gunicorn" in web["command"]
    assert worker["command"][:3] == ["python", "manage.py", "run_worker"]
    for app in (web, worker):
        assert app["depends_on"] == {"db": {"condition": "service_healthy"}}
        assert "media:/app/var/media" in app["volumes"]
    assert db["image"] == "postgres:16"
    assert "pg_isready" in " ".join(db["healthcheck"]["test"])
    assert any(volume.endswith(":/var/lib/postgresql/data") for volume in db["volumes"])
    assert set(compose["volumes"]) == {"pgdata", "media"}


def test_only_web_migrates(compose):
    web, worker = compose["services"]["web"], compose["services"]["worker"]
    assert web["environment"]["MIGRATE_ON_START"] == "True"
    assert worker["environment"]["MIGRATE_ON_START"] == "False"


def test_no_secret_is_written_into_compose(compose):
    for name, service in compose["services"].items():
        for key, value in service.get("environment", {}).items():
            if SECRET.search(key):
                # Only from .env: ${NAME}, ${NAME:?...} or an empty default ${NAME:-}.
                assert re.fullmatch(rf"\$\{{{key}(:\?[^}}]*|:-)?\}}", value), (name, key)
            if key == "DATABASE_URL":
                assert re.fullmatch(
                    r"postgres://\$\{APP_DB_USER[^}]*\}:\$\{APP_DB_PASSWORD[^}]*\}@db:.*", value
                )
            if key == "MIGRATION_DATABASE_URL":
                assert re.fullmatch(
                    r"postgres://\$\{POSTGRES_USER[^}]*\}:\$\{POSTGRES_PASSWORD[^}]*\}@db:.*",
                    value,
                )


def test_the_portal_connects_as_a_role_that_does_not_own_the_tables(compose):
    web, worker = compose["services"]["web"], compose["services"]["worker"]
    app_user = re.match(r"postgres://\$\{(\w+):-(\w+)\}", web["environment"]["DATABASE_URL"])
    owner = re.match(r"postgres://\$\{(\w+):-(\w+)\}", web["environment"]["MIGRATION_DATABASE_URL"])
    assert app_user.group(1) == "APP_DB_USER" and owner.group(1) == "POSTGRES_USER"
    assert app_user.group(2) != owner.group(2)
    # The owner's password reaches web's entrypoint (which migrates) and nothing else.
    assert "MIGRATION_DATABASE_URL" not in worker["environment"]
    entrypoint_script = (ROOT / "scripts" / "docker-entrypoint").read_text()
    assert "grant_app_role" in entrypoint_script
    assert entrypoint_script.index("unset MIGRATION_DATABASE_URL") < entrypoint_script.index(
        'exec "$@"'
    )


def test_every_variable_compose_passes_is_described_in_readme(compose):
    names = set()
    for service in compose["services"].values():
        names.update(service.get("environment", {}))
        names.update(INTERPOLATED.findall(yaml.safe_dump(service)))
    missing = sorted(names - documented())
    assert not missing, f"describe these in README, Drift: {missing}"


def test_the_example_env_file_names_only_variables_compose_uses(compose):
    used = set(INTERPOLATED.findall((ROOT / "compose.yaml").read_text()))
    example = (ROOT / "deploy" / "env.example").read_text()
    named = set(re.findall(r"^#? ?([A-Z][A-Z0-9_]+)=", example, flags=re.MULTILINE))
    assert named - used == set()
    for required in ("SECRET_KEY", "POSTGRES_PASSWORD", "APP_DB_PASSWORD"):
        assert re.search(rf"^{required}=$", example, flags=re.MULTILINE)  # left empty


def test_the_image_runs_as_a_user_and_checks_healthz():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert re.search(r"^USER budget$", dockerfile, flags=re.MULTILINE)
    check = dockerfile.split("HEALTHCHECK", 1)[1]
    assert "http://127.0.0.1:%s/healthz" in check and "os.environ.get('PORT') or 8000" in check
    # Exactly the pinned versions, each checked against its hash.
    assert "pip install --require-hashes --no-deps -r requirements.lock" in dockerfile
    assert 'ENTRYPOINT ["/app/scripts/docker-entrypoint"]' in dockerfile
    assert "collectstatic" in dockerfile
    assert ".env" in (ROOT / ".dockerignore").read_text().split()


def entrypoint(tmp_path, *command, **env) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DATABASE_URL"}}
    return subprocess.run(  # noqa: S603 - our own script with fixed arguments
        [str(ROOT / "scripts" / "docker-entrypoint"), *command],
        env=base
        | {"SECRET_KEY": "x", "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
        | env
        | {"PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_entrypoint_migrates_creates_the_cache_table_then_runs_the_command(tmp_path):
    # `migrate` alone makes the cache table (budget_portal.cache); the entrypoint runs no more.
    result = entrypoint(tmp_path, "python", "-c", "print('kommandoen kører')")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("kommandoen kører")
    with sqlite3.connect(tmp_path / "db.sqlite3") as db:
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
    assert {
        "django_cache",
        "budget_portal_workerheartbeat",
        "django_tasks_database_dbtaskresult",
    } <= (tables)


def test_entrypoint_without_migrating_waits_for_migrations_and_gives_up(tmp_path):
    result = entrypoint(tmp_path, "true", MIGRATE_ON_START="False", MIGRATE_WAIT_TRIES="1")
    assert result.returncode == 1
    assert "not migrated" in result.stderr


def test_stopping_the_worker_leaves_time_to_finish_a_render(compose):
    # The worker finishes its running task on SIGTERM; a 500-card catalog takes ~2.5 min.
    grace = compose["services"]["worker"]["stop_grace_period"]
    number, unit = re.fullmatch(r"(\d+)([sm])", grace).groups()
    assert int(number) * (60 if unit == "m" else 1) >= 180
