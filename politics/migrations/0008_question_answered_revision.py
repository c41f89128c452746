"""Each answer names the card revision it answers. Existing rows: a released answer the
revision in force when finance released it (the answer was written no later, and finance
approved it against those numbers); a draft answer the card's current revision, the newest
it can have been written against."""

import django.db.models.deletion
from django.db import migrations, models


def tie_answers_to_revisions(apps, schema_editor):
    Question = apps.get_model("politics", "Question")
    Revision = apps.get_model("proposals", "Revision")
    answered = Question.objects.filter(proposal__isnull=False, state__in=["besvaret", "frigivet"])
    for question in answered.select_related("proposal").iterator():
        revisions = Revision.objects.filter(proposal_id=question.proposal_id)
        if question.state == "frigivet" and question.released_at is not None:
            revision = (
                revisions.filter(created_at__lte=question.released_at).order_by("-number").first()
            )
        else:
            revision = revisions.filter(number=question.proposal.version).first()
        if revision is not None:
            question.answered_revision = revision
            question.save(update_fields=["answered_revision"])


class Migration(migrations.Migration):
    dependencies = [
        ("politics", "0007_danish_admin_labels"),
        ("proposals", "0006_inden_for_servicerammen"),
    ]

    operations = [
        migrations.AddField(
            model_name="question",
            name="answered_revision",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="proposals.revision",
                verbose_name="besvaret version af forslaget",
            ),
        ),
        migrations.RunPython(tie_answers_to_revisions, migrations.RunPython.noop),
    ]
