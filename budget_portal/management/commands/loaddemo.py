"""loaddemo: the seed documents as demo data, with demo logins. Safe to run again."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from budget_portal.demo import DEMO_PASSWORD, demo_users, load_all


class Command(BaseCommand):
    help = (
        "Indlæser demodata fra seed-dokumenterne (Norddjurs' forslag T101-T304, Allerøds "
        "budgetproces 2024-31 med høringer, Aarhus' følgebreve), demobrugere og for Norddjurs "
        "en åben høring, en frist for ændringsforslag, budgetspørgsmål, scenarier og kort "
        "i hver status. Kan køres igen: intet dubleres, og kun ændrede kort får en ny "
        "version; høringens datoer og fristen flyttes til at regnes fra i dag. Afvises uden DEBUG, "
        "medmindre --allow-production gives, da demobrugerne har kendte adgangskoder."
    )

    def add_arguments(self, parser):
        parser.add_argument("--allow-production", action="store_true")

    def handle(self, *args, allow_production: bool = False, **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError(
                "Demodata har kendte adgangskoder: kør med DEBUG=True eller --allow-production."
            )
        demo_users()
        for line in load_all():
            self.stdout.write(line)
        self.stdout.write(
            "Demobrugere: okonomi, afdeling, afdeling2, politiker, politiker2, admin "
            f"(adgangskode {DEMO_PASSWORD})."
        )
