from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = _("Revisionsspor")

    def ready(self):
        from audit import receivers  # noqa: F401
        from audit.retention import purge_audit_log, write_database_retention
        from budget_portal.retention import register_purge

        post_migrate.connect(write_database_retention, sender=self)
        register_purge(20, "audit-log", purge_audit_log)
