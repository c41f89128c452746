"""On PostgreSQL the database itself keeps audit rows for the retention period: DELETE of a row
younger than AUDIT_RETENTION_DAYS and TRUNCATE are refused, whoever asks (0002 refuses UPDATE).

The retention is a function, `audit_retention_days()`, returning the number as a constant. Only
the owner of a function may replace it, so the application's role (which owns nothing, see
`grant_app_role`) cannot shorten the period; a custom setting (GUC) could be changed by any
session, and a settings table would be one more table to keep out of the role's reach. This
migration writes the function with the setting's value, and every later `migrate` rewrites it
when the setting changed (audit.retention.write_database_retention, on post_migrate).

The purge goes through `audit_purge(days)`, which runs as the owner (SECURITY DEFINER): the
application's role has no DELETE on the table at all, and the function removes only rows older
than both DAYS and the database's retention.
"""

from django.conf import settings
from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION audit_retention_days() RETURNS integer
  LANGUAGE sql STABLE AS $$ SELECT {days} $$;

CREATE FUNCTION audit_event_no_recent_delete() RETURNS trigger
  LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  IF OLD.at >= now() - make_interval(days => audit_retention_days()) THEN
    RAISE EXCEPTION 'audit_auditevent: rows younger than % days cannot be deleted',
      audit_retention_days();
  END IF;
  RETURN OLD;
END $$;
CREATE TRIGGER audit_event_no_recent_delete BEFORE DELETE ON audit_auditevent
  FOR EACH ROW EXECUTE FUNCTION audit_event_no_recent_delete();

CREATE FUNCTION audit_event_no_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_auditevent cannot be truncated';
END $$;
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_auditevent
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_no_truncate();

CREATE FUNCTION audit_purge(days integer) RETURNS bigint
  LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
  removed bigint;
BEGIN
  DELETE FROM audit_auditevent
    WHERE at < now() - make_interval(days => GREATEST(days, audit_retention_days()));
  GET DIAGNOSTICS removed = ROW_COUNT;
  RETURN removed;
END $$;
"""
DROP = """
DROP FUNCTION IF EXISTS audit_purge(integer);
DROP TRIGGER IF EXISTS audit_event_no_truncate ON audit_auditevent;
DROP FUNCTION IF EXISTS audit_event_no_truncate();
DROP TRIGGER IF EXISTS audit_event_no_recent_delete ON audit_auditevent;
DROP FUNCTION IF EXISTS audit_event_no_recent_delete();
DROP FUNCTION IF EXISTS audit_retention_days();
"""


def run(schema_editor, sql: str) -> None:
    # Without parameters, so the driver leaves the % of RAISE alone.
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(sql)


def forwards(apps, schema_editor):
    run(schema_editor, CREATE.format(days=int(settings.AUDIT_RETENTION_DAYS)))


def backwards(apps, schema_editor):
    run(schema_editor, DROP)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_no_updates_on_postgresql")]
    operations = [migrations.RunPython(forwards, backwards)]
