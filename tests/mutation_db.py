"""pytest plugin for mutation runs (scripts/mutation, `-p tests.mutation_db`).

mutmut starts a pytest session per mutant; migrating a fresh in-memory SQLite database costs
seconds of each. Instead every session tests against its own copy of one database that
scripts/mutation migrated once: a file for SQLite (MUTATION_TEMPLATE_DB), or for the modules
whose rules live in PostgreSQL (triggers, functions) a database to copy (MUTATION_TEMPLATE_PG).
Without those variables nothing changes.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from django.db.backends.sqlite3.creation import DatabaseCreation


def pytest_configure(config):
    template = os.environ.get("MUTATION_TEMPLATE_DB")
    if template:
        DatabaseCreation.create_test_db = _copy_of(Path(template))
        DatabaseCreation.destroy_test_db = _drop_copy
        _same_examples_every_session()
    if pg_template := os.environ.get("MUTATION_TEMPLATE_PG"):
        from django.db.backends.postgresql.creation import DatabaseCreation as PgCreation

        PgCreation.create_test_db = _pg_copy_of(pg_template)
        PgCreation.destroy_test_db = _pg_drop_copy
        _same_examples_every_session()


def _same_examples_every_session():
    # mutmut runs several sessions in one process, which Hypothesis takes for a test method
    # called from different executors (a check a test's own settings cannot switch off here);
    # and a mutant must meet the same examples its clean run met.
    import hypothesis.core
    from hypothesis import HealthCheck, settings

    check = hypothesis.core.fail_health_check

    def fail_health_check(settings, message, label):
        if label != HealthCheck.differing_executors:
            check(settings, message, label)

    hypothesis.core.fail_health_check = fail_health_check
    settings.register_profile("mutation", derandomize=True, database=None)
    settings.load_profile("mutation")


def _copy_of(template: Path):
    def create_test_db(self, *args, **kwargs):
        # A copy per session: one worker's writes and flushes never reach another worker.
        own = str(template.with_name(f"{template.stem}-{os.getpid()}.sqlite3"))
        shutil.copyfile(template, own)
        _use(self.connection, own)
        return own

    return create_test_db


def _drop_copy(self, old_database_name, *args, **kwargs):
    own = Path(self.connection.settings_dict["NAME"])
    _use(self.connection, old_database_name)
    for path in (own, own.with_name(own.name + "-wal"), own.with_name(own.name + "-shm")):
        path.unlink(missing_ok=True)


def _use(connection, name: str) -> None:
    from django.conf import settings

    connection.close()
    settings.DATABASES[connection.alias]["NAME"] = name
    connection.settings_dict["NAME"] = name


def _pg_copy_of(template: str):
    def create_test_db(self, *args, **kwargs):
        # CREATE DATABASE ... TEMPLATE copies the migrated files: a fraction of a migration.
        own = f"mutation_{os.getpid()}"
        with self._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{own}"')
            cursor.execute(f'CREATE DATABASE "{own}" TEMPLATE "{template}"')
        _use(self.connection, own)
        return own

    return create_test_db


def _pg_drop_copy(self, old_database_name, *args, **kwargs):
    own = self.connection.settings_dict["NAME"]
    _use(self.connection, old_database_name)
    with self._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{own}" WITH (FORCE)')
