"""grant_app_role: the database role the portal runs as may read and write rows, nothing more.

Run as the tables' owner, after `migrate` (scripts/docker-entrypoint does both). The role gets
SELECT, INSERT, UPDATE and DELETE on the portal's tables and USAGE on their sequences; on an
append-only table (a model with `append_only = True`: the audit log) only SELECT and INSERT;
on django_migrations only SELECT. Never TRUNCATE, REFERENCES or TRIGGER, and no CREATE on the
schema, so no DDL: it cannot alter a table or switch a trigger off. Default privileges cover
tables a later migration creates until the command runs again.
"""

from __future__ import annotations

import os

import dj_database_url
from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from psycopg import sql

ROW_PRIVILEGES = "SELECT, INSERT, UPDATE, DELETE"


def append_only_tables() -> list[str]:
    return sorted(
        model._meta.db_table for model in apps.get_models() if getattr(model, "append_only", False)
    )


class Command(BaseCommand):
    help = (
        "Giver databaserollen, som portalen kører som, ret til at læse og skrive rækker og intet "
        "mere (ingen DDL, ingen TRUNCATE, kun INSERT og SELECT i revisionssporet). Køres af "
        "tabellernes ejer efter migrate. Uden ROLE: rollen i APP_DATABASE_URL, som oprettes "
        "med adgangskoden derfra, hvis den mangler."
    )

    def add_arguments(self, parser):
        parser.add_argument("role", nargs="?", help="en eksisterende rolle")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, role=None, database=DEFAULT_DB_ALIAS, **options):
        connection = connections[database]
        if connection.vendor != "postgresql":
            raise CommandError("grant_app_role virker kun med PostgreSQL.")
        password = None
        if role is None:
            url = os.environ.get("APP_DATABASE_URL")
            if not url:
                raise CommandError("Angiv en rolle eller APP_DATABASE_URL.")
            config = dj_database_url.parse(url)
            role, password = config["USER"], config.get("PASSWORD") or None
        connection.ensure_connection()
        raw = connection.connection

        def q(template: str, **parts) -> str:
            # Names and the password as quoted SQL: GRANT and CREATE ROLE take no parameters.
            return sql.SQL(template).format(**parts).as_string(raw)

        with transaction.atomic(using=database), connection.cursor() as cursor:
            cursor.execute("SELECT current_user, current_schema(), current_database()")
            owner, schema, dbname = cursor.fetchone()
            if role == owner:
                raise CommandError(
                    f"{role} ejer tabellerne; portalen skal køre som en anden rolle."
                )
            cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = %s", [role])
            found = cursor.fetchone()
            if found is None and password is None:
                raise CommandError(f"Rollen {role} findes ikke.")
            if found is not None and found[0]:
                raise CommandError(f"{role} er superbruger; portalen skal køre uden.")
            if password is not None:
                # The password from .env is the one that counts, also after it was changed.
                # Through the driver's own cursor: Django's would log it with DEBUG on.
                verb = "CREATE ROLE {r} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD {p}"
                if found is not None:
                    verb = "ALTER ROLE {r} PASSWORD {p}"
                with raw.cursor() as secret:
                    secret.execute(
                        sql.SQL(verb).format(r=sql.Identifier(role), p=sql.Literal(password))
                    )

            r, s = sql.Identifier(role), sql.Identifier(schema)
            statements = [
                q("GRANT CONNECT ON DATABASE {d} TO {r}", d=sql.Identifier(dbname), r=r),
                q("GRANT USAGE ON SCHEMA {s} TO {r}", s=s, r=r),
                q("REVOKE CREATE ON SCHEMA {s} FROM {r}", s=s, r=r),
                # From a clean slate, so a privilege granted by hand earlier does not linger.
                q("REVOKE ALL ON ALL TABLES IN SCHEMA {s} FROM {r}", s=s, r=r),
                q(f"GRANT {ROW_PRIVILEGES} ON ALL TABLES IN SCHEMA {{s}} TO {{r}}", s=s, r=r),
                q("REVOKE ALL ON ALL SEQUENCES IN SCHEMA {s} FROM {r}", s=s, r=r),
                q("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {s} TO {r}", s=s, r=r),
                q(
                    f"ALTER DEFAULT PRIVILEGES FOR ROLE {{o}} IN SCHEMA {{s}} "
                    f"GRANT {ROW_PRIVILEGES} ON TABLES TO {{r}}",
                    o=sql.Identifier(owner),
                    s=s,
                    r=r,
                ),
                q(
                    "ALTER DEFAULT PRIVILEGES FOR ROLE {o} IN SCHEMA {s} "
                    "GRANT USAGE, SELECT ON SEQUENCES TO {r}",
                    o=sql.Identifier(owner),
                    s=s,
                    r=r,
                ),
                q("REVOKE INSERT, UPDATE, DELETE ON django_migrations FROM {r}", r=r),
            ]
            tables = append_only_tables()
            statements += [
                q("REVOKE UPDATE, DELETE ON {t} FROM {r}", t=sql.Identifier(table), r=r)
                for table in tables
            ]
            for statement in statements:
                cursor.execute(statement)
            cursor.execute(
                "SELECT has_schema_privilege(%s, %s, 'CREATE')"
                " OR has_database_privilege(%s, current_database(), 'CREATE')",
                [role, schema, role],
            )
            if cursor.fetchone()[0]:
                # PUBLIC had CREATE on the public schema before PostgreSQL 15.
                raise CommandError(
                    f"{role} kan oprette objekter i {schema} eller databasen (via PUBLIC). "
                    f"Kør som databasens ejer: REVOKE CREATE ON SCHEMA {schema} FROM PUBLIC;"
                )
        self.stdout.write(
            f"Rollen {role}: læse og skrive rækker i {schema}; kun INSERT og SELECT i "
            f"{', '.join(tables)}; ingen DDL eller TRUNCATE."
        )
