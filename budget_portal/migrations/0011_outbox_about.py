from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("budget_portal", "0010_danish_admin_labels"),
    ]

    operations = [
        migrations.AddField(
            model_name="outboxmessage",
            name="about",
            field=models.CharField(blank=True, db_index=True, max_length=100, verbose_name="vedrører"),
        ),
    ]
