"""Stored cards and their revisions with LF line endings only.

Browsers posted CRLF before the forms normalised it, so a card saved with one amount
changed recorded its long texts as changed too. The snapshots are rewritten and each
revision's list of changed fields is worked out again from the cleaned snapshots, so
history, compare and "nyt siden sidst" show only real changes.
"""

from django.db import migrations

from budget_portal.text import normalise_app_rows, normalise_json


def normalise_line_endings(apps, schema_editor):
    from proposals.revisions import changed_labels

    normalise_app_rows(apps, "proposals")
    Revision = apps.get_model("proposals", "Revision")
    previous, previous_altered, proposal_id = None, False, None
    for revision in Revision.objects.order_by("proposal_id", "number").iterator():
        if revision.proposal_id != proposal_id:
            previous, previous_altered, proposal_id = None, False, revision.proposal_id
        clean = normalise_json(revision.snapshot)
        altered = clean != revision.snapshot
        changed = revision.changed
        # Only where line endings made the difference: other labels stay as recorded.
        if previous is not None and (altered or previous_altered):
            changed = changed_labels(previous, clean)
        if altered or changed != revision.changed:
            Revision.objects.filter(pk=revision.pk).update(snapshot=clean, changed=changed)
        previous, previous_altered = clean, altered


class Migration(migrations.Migration):
    dependencies = [("proposals", "0003_excel_import_parsed_once")]

    operations = [migrations.RunPython(normalise_line_endings, migrations.RunPython.noop)]
