"""purge_subscriptions: delete what subscriptions keep no longer than needed."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from subscriptions.services import LINK_LIFETIME, purge_expired


class Command(BaseCommand):
    help = (
        f"Sletter ubekræftede tilmeldinger, hvis link er udløbet ({LINK_LIFETIME.days} dage), "
        "og registrerede tilmeldingsforsøg, der er over en time gamle."
    )

    def handle(self, *args, **options):
        subscriptions, attempts = purge_expired()
        self.stdout.write(
            f"{subscriptions} ubekræftede tilmeldinger og {attempts} tilmeldingsforsøg slettet."
        )
