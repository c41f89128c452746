"""A hearing remembers when it last changed (the Atom feed's <updated>); hearings that exist
already take the moment they opened, the change readers of the feed have seen."""

from django.db import migrations, models
from django.db.models import F


def from_opening(apps, schema_editor):
    apps.get_model("hearings", "Hearing").objects.update(updated_at=F("opens_at"))


class Migration(migrations.Migration):
    dependencies = [("hearings", "0004_hearing_note")]

    operations = [
        migrations.AddField(
            model_name="hearing",
            name="updated_at",
            field=models.DateTimeField(auto_now=True, verbose_name="sidst ændret"),
            preserve_default=False,
        ),
        migrations.RunPython(from_opening, migrations.RunPython.noop),
    ]
