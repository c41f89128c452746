"""The backup procedure of README's "Drift": pg_dump in custom format, pg_restore into a new
database, and the cards are all there. PostgreSQL only."""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid

import pytest
from django.db import connection

from proposals.models import Revision, Status
from tests.factories import make_card

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump needs PostgreSQL"),
    pytest.mark.skipif(not shutil.which("pg_dump"), reason="pg_dump is not installed"),
    # Committed data: pg_dump runs in its own session and cannot see the test's transaction.
    pytest.mark.django_db(transaction=True),
]


def libpq_env() -> dict[str, str]:
    db = connection.settings_dict
    return os.environ | {
        "PGHOST": db["HOST"] or "localhost",
        "PGPORT": str(db["PORT"] or 5432),
        "PGUSER": db["USER"] or "",
        "PGPASSWORD": db["PASSWORD"] or "",
    }


def run(*command: str) -> None:
    result = subprocess.run(  # noqa: S603 - PostgreSQL's own tools, fixed arguments
        command, env=libpq_env(), capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr


def query(database: str, sql: str, *params) -> list[tuple]:
    import psycopg

    with psycopg.connect(dbname=database, **_params()) as conn:
        return conn.execute(sql, params).fetchall()


def _params() -> dict:
    env = libpq_env()
    return {"host": env["PGHOST"], "port": env["PGPORT"], "user": env["PGUSER"],
            "password": env["PGPASSWORD"]}  # fmt: skip


def test_a_dump_restores_into_a_new_database_with_the_cards_and_their_years(
    tmp_path, finance, department_a, committee
):
    card = make_card(by=finance, department=department_a, committee=committee, number="T777",
                     net=1_250_000, status=Status.RELEASED)  # fmt: skip
    source = connection.settings_dict["NAME"]
    dump = tmp_path / "budgetportal.dump"
    run("pg_dump", "-Fc", "-f", str(dump), source)
    assert dump.read_bytes().startswith(b"PGDMP")  # the custom format

    restored = f"{source}_restore_{uuid.uuid4().hex[:8]}"
    run("createdb", restored)
    try:
        run("pg_restore", "--no-owner", "-d", restored, str(dump))
        cards = query(restored, "SELECT id, number, status FROM proposals_proposal")
        years = query(
            restored,
            "SELECT year, expenses FROM proposals_proposalyear"
            " WHERE proposal_id = %s ORDER BY year",
            card.pk,
        )
        revisions = query(
            restored, "SELECT count(*) FROM proposals_revision WHERE proposal_id = %s", card.pk
        )
    finally:
        run("dropdb", "--force", restored)

    assert cards == [(card.pk, "T777", Status.RELEASED.value)]
    assert years == [(year, 1_250_000) for year in range(2026, 2030)]
    assert revisions[0][0] == Revision.objects.filter(proposal=card).count() >= 1
