"""Finance manages the party groups in the administration."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    finance, _ = Group.objects.get_or_create(name="okonomi")
    finance.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="politics",
            content_type__model__in=["party", "membership", "budgettarget"],
        ),
        *Permission.objects.filter(content_type__app_label="auth", codename="view_user"),
    )


class Migration(migrations.Migration):
    dependencies = [("politics", "0004_amendment_amendmentyear_and_more")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
