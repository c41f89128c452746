from django.core.management.base import BaseCommand

from audit.retention import purge_audit_log


class Command(BaseCommand):
    help = "Sletter hændelser i revisionssporet, der er ældre end AUDIT_RETENTION_DAYS."

    def handle(self, *args, **options):
        self.stdout.write(f"Slettet: {purge_audit_log()} hændelser")
