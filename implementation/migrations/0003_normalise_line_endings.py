"""Stored free text with LF line endings only (browsers posted CRLF before the forms fixed it)."""

from django.db import migrations

from budget_portal.text import normalise_app_rows


def normalise_line_endings(apps, schema_editor):
    normalise_app_rows(apps, "implementation")


class Migration(migrations.Migration):
    dependencies = [("implementation", "0002_finance_permissions")]

    operations = [migrations.RunPython(normalise_line_endings, migrations.RunPython.noop)]
