"""Finance staff run hearings and the calendar from the admin: give the group the rights."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "hearings": ["hearing", "hearingdocument"],
    "budget_portal": ["phase", "milestone", "committee", "department", "budgetcycle"],
}


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    finance, _ = Group.objects.get_or_create(name="okonomi")
    for app_label, models in GRANTS.items():
        finance.permissions.add(
            *Permission.objects.filter(
                content_type__app_label=app_label, content_type__model__in=models
            )
        )
    finance.permissions.add(
        *Permission.objects.filter(content_type__app_label="hearings", codename="view_response")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("hearings", "0001_initial"),
        ("budget_portal", "0004_calendar"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
