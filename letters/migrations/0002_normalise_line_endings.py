"""Stored free text with LF line endings only (browsers posted CRLF before the forms fixed it)."""

from django.db import migrations

from budget_portal.text import normalise_app_rows, normalise_json_rows


def normalise_line_endings(apps, schema_editor):
    normalise_app_rows(apps, "letters")
    # A save that changes nothing compares equal to the last snapshot and records no revision.
    normalise_json_rows(apps.get_model("letters", "LetterRevision"), "snapshot")


class Migration(migrations.Migration):
    dependencies = [("letters", "0001_initial")]

    operations = [migrations.RunPython(normalise_line_endings, migrations.RunPython.noop)]
