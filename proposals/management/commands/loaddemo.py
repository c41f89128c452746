"""loaddemo: the seed documents as demo data, with demo logins. Safe to run again."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from proposals.demo import DEMO_PASSWORD, load_norddjurs


class Command(BaseCommand):
    help = (
        "Indlæser demodata (Norddjurs' forslag T101-T304 fra seed 003) og demobrugere. "
        "Kan køres igen: intet dubleres, og kun ændrede kort får en ny version. "
        "Afvises uden DEBUG, medmindre --allow-production gives, da demobrugerne har kendte "
        "adgangskoder."
    )

    def add_arguments(self, parser):
        parser.add_argument("--allow-production", action="store_true")

    def handle(self, *args, allow_production: bool = False, **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError(
                "Demodata har kendte adgangskoder: kør med DEBUG=True eller --allow-production."
            )
        cycle, created, revised = load_norddjurs()
        self.stdout.write(
            f"{cycle}: {created} kort oprettet, {revised} opdateret; "
            f"demobrugere okonomi, afdeling, afdeling2, politiker, admin "
            f"(adgangskode {DEMO_PASSWORD})."
        )
