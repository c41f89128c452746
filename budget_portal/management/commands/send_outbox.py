"""send_outbox: send the e-mails that are due, with retries; for cron or a timer."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from budget_portal.outbox import deliver_due


class Command(BaseCommand):
    help = "Sender ventende mails fra udbakken; mislykkede forsøges igen senere med stigende pause."

    def handle(self, *args, **options):
        sent, failed = deliver_due()
        self.stdout.write(f"{sent} sendt, {failed} mislykkedes (prøves igen).")
