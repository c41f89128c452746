"""Hearings that exist when subscriptions arrive count as announced: editing one later must
not mail the subscribers about an old hearing."""

from django.db import migrations
from django.utils import timezone


def mark_existing(apps, schema_editor):
    Hearing = apps.get_model("hearings", "Hearing")
    HearingAnnouncement = apps.get_model("subscriptions", "HearingAnnouncement")
    now = timezone.now()
    HearingAnnouncement.objects.bulk_create(
        [HearingAnnouncement(hearing_id=pk, announced_at=now) for pk in Hearing.objects.values_list("pk", flat=True)]
    )


class Migration(migrations.Migration):
    dependencies = [("subscriptions", "0001_initial")]

    operations = [migrations.RunPython(mark_existing, migrations.RunPython.noop)]
