"""The portal runs as a database role that owns nothing: migrations run as the tables' owner
(scripts/docker-entrypoint with MIGRATION_DATABASE_URL, then grant_app_role), and the
application's role can do the portal's work but cannot change a table, switch a trigger off,
empty a table or touch the audit log's rows."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="database roles are PostgreSQL's"
)

# Run by the entrypoint as the application's role, after it migrated as the owner.
PORTAL_WORK = """
import os
import django

assert "MIGRATION_DATABASE_URL" not in os.environ, "the command saw the owner's URL"
django.setup()
from django.core.management import call_command
from django.test import Client

from audit.log import record
from audit.models import Action, AuditEvent
from proposals.models import Status
from tests.factories import (
    CommitteeFactory, CycleFactory, DepartmentFactory, UserFactory, make_card,
)

cycle = CycleFactory(slug="roller-2026")
committee = CommitteeFactory(cycle=cycle, number=1, name="Økonomiudvalget")
department = DepartmentFactory(cycle=cycle, name="Ældre")
finance = UserFactory(username="olga", roles=["okonomi"])
card = make_card(by=finance, department=department, committee=committee, number="T101",
                 status=Status.RELEASED, title="Ældrepleje på Ærø")
record(Action.LOGIN, actor=finance)
call_command("purge_audit_log")
browser = Client()
page = browser.get("/budget/roller-2026/forslag/")
assert page.status_code == 200 and "Ældrepleje på Ærø" in page.content.decode(), page.status_code
assert browser.get("/budget/roller-2026/forslag/").status_code == 200  # from the cache
assert browser.get(card.get_absolute_url()).status_code == 200
print("portalarbejde ok", AuditEvent.objects.count())
"""

REFUSED = [
    "ALTER TABLE audit_auditevent DISABLE TRIGGER ALL",
    "ALTER TABLE audit_auditevent DISABLE TRIGGER audit_event_no_update",
    "ALTER TABLE proposals_proposal ADD COLUMN x integer",
    "DROP TABLE proposals_proposal",
    "CREATE TABLE egen (x integer)",
    "CREATE OR REPLACE FUNCTION audit_retention_days() RETURNS integer "
    "LANGUAGE sql AS $$ SELECT 0 $$",
    "SET session_replication_role = replica",
    "TRUNCATE audit_auditevent",
    "TRUNCATE proposals_proposal CASCADE",
    "DELETE FROM audit_auditevent",
    "UPDATE audit_auditevent SET actor_name = 'en anden'",
    "INSERT INTO django_migrations (app, name, applied) VALUES ('x', 'y', now())",
]


def url(role: str, database: str, password: str = "") -> str:
    server = settings.DATABASES["default"]
    auth = f"{role}:{password}" if password else role
    return f"postgres://{auth}@{server['HOST'] or '127.0.0.1'}:{server['PORT'] or 5432}/{database}"


def connect(role: str, database: str):
    import psycopg

    server = settings.DATABASES["default"]
    return psycopg.connect(
        host=server["HOST"] or "127.0.0.1",
        port=server["PORT"] or 5432,
        user=role,
        dbname=database,
        autocommit=True,
    )


@pytest.fixture
def roles():
    """An owner role with its own new database, and the name of an application role the
    entrypoint creates; both gone afterwards. Unique names, so runs never collide."""
    tag = uuid.uuid4().hex[:8]
    owner, app, database = f"bp_owner_{tag}", f"bp_app_{tag}", f"bp_roles_{tag}"
    admin = connect(settings.DATABASES["default"]["USER"], "postgres")
    # As compose's db image makes POSTGRES_USER: it may create the application's role.
    admin.execute(f'CREATE ROLE "{owner}" LOGIN CREATEROLE')
    admin.execute(f'CREATE DATABASE "{database}" OWNER "{owner}"')
    try:
        yield owner, app, database
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        admin.execute(f'DROP ROLE IF EXISTS "{app}"')
        admin.execute(f'DROP ROLE IF EXISTS "{owner}"')
        admin.close()


def test_the_portal_works_as_a_role_that_cannot_alter_truncate_or_rewrite_the_log(roles):
    import psycopg

    owner, app, database = roles

    def start(*command: str) -> subprocess.CompletedProcess:
        env = {
            k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "TEST_DATABASE_NAME"}
        }
        result = subprocess.run(  # noqa: S603 - our own script with fixed arguments
            [str(ROOT / "scripts" / "docker-entrypoint"), *command],
            env=env
            | {
                "DATABASE_URL": url(app, database, password="appkode2026"),
                "MIGRATION_DATABASE_URL": url(owner, database),
                # DEBUG for the static files (no collectstatic here); tasks run at once.
                "DEBUG": "True",
                "SECRET_KEY": "x",
                "ALLOWED_HOSTS": "testserver",
                "TASKS_BACKEND": "immediate",
                "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",
            },
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        assert result.returncode == 0, result.stderr[-3000:]
        assert f"Rollen {app}:" in result.stdout  # grant_app_role's summary
        return result

    assert "portalarbejde ok" in start("python", "-c", PORTAL_WORK).stdout
    # A restart (the next deployment) migrates and grants again: the role exists by then.
    assert start("python", "-c", "print('igen')").stdout.strip().endswith("igen")

    with connect(app, database) as conn:
        rolsuper, owned = conn.execute(
            "SELECT rolsuper, (SELECT count(*) FROM pg_tables WHERE tableowner = current_user)"
            " FROM pg_roles WHERE rolname = current_user"
        ).fetchone()
        assert (rolsuper, owned) == (False, 0)
        audit_rows = conn.execute("SELECT count(*) FROM audit_auditevent").fetchone()[0]
        assert audit_rows >= 2
        for statement in REFUSED:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)
        assert conn.execute("SELECT count(*) FROM audit_auditevent").fetchone()[0] == audit_rows
        assert conn.execute("SELECT count(*) FROM proposals_proposal").fetchone()[0] == 1
        # Rows of ordinary tables: the role writes them.
        conn.execute("UPDATE proposals_proposal SET title = 'Ældrepleje' WHERE number = 'T101'")
        conn.execute("DELETE FROM django_cache")
