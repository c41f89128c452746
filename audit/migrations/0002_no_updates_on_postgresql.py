"""On PostgreSQL the database itself refuses to change an audit row (deletion stays possible
for the retention purge)."""

from django.db import migrations

CREATE = """
CREATE FUNCTION audit_event_no_update() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'audit_auditevent is append-only';
END $$ LANGUAGE plpgsql;
CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_auditevent
  FOR EACH ROW EXECUTE FUNCTION audit_event_no_update();
"""
DROP = """
DROP TRIGGER IF EXISTS audit_event_no_update ON audit_auditevent;
DROP FUNCTION IF EXISTS audit_event_no_update();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_audit_event")]
    operations = [migrations.RunPython(forwards, backwards)]
