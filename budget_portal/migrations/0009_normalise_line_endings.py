"""Stored free text with LF line endings only (browsers posted CRLF before the forms fixed it)."""

from django.db import migrations

from budget_portal.text import normalise_app_rows


def normalise_line_endings(apps, schema_editor):
    normalise_app_rows(apps, "budget_portal")


class Migration(migrations.Migration):
    dependencies = [("budget_portal", "0008_outbox_headers")]

    operations = [migrations.RunPython(normalise_line_endings, migrations.RunPython.noop)]
