"""import_proposals: cards from an .xlsx in the template's format; all rows or none."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from budget_portal.cycles import cycle_from_arg
from proposals.workbook import apply_import, plan_import


class Command(BaseCommand):
    help = (
        "Importerer forslag fra arket 'Forslag' i en .xlsx-fil: nye nr. oprettes, kendte "
        "opdateres (med en ny version). Er der fejl, skrives de med række og kolonne, intet "
        "gemmes, og kommandoen slutter med fejlkode 1. --dry-run tjekker kun."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--cycle", required=True, help="fx 2026 eller norddjurs-2026")
        parser.add_argument("--dry-run", action="store_true")
        parser.add_argument(
            "--user", help="brugernavnet ændringerne står i historikken under (standard: admin)"
        )

    def handle(self, *args, file: Path, cycle: str, dry_run: bool, user: str | None, **options):
        budget = cycle_from_arg(cycle)
        actor = self._actor(user)
        if not file.exists():
            raise CommandError(f"Filen {file} findes ikke.")
        plan = plan_import(budget, file.read_bytes(), user=actor)
        if not plan.ok:
            for message in plan.errors:
                self.stderr.write(message)
            for row in plan.rows:
                for message in row.errors:
                    self.stderr.write(message)
            raise CommandError(f"{plan.error_count} fejl; intet er gemt.", returncode=1)
        if dry_run:
            self.stdout.write(
                f"Tjekket: {plan.created_count} nye, {plan.updated_count} opdateres, "
                f"{plan.unchanged_count} uændrede. Intet gemt (--dry-run)."
            )
            return
        created, updated = apply_import(plan, by=actor)
        self.stdout.write(
            f"{created} oprettet, {updated} opdateret, {plan.unchanged_count} uændrede."
        )

    def _actor(self, username: str | None):
        User = get_user_model()
        if username:
            found = User.objects.filter(username=username).first()
            if found is None:
                raise CommandError(f"Brugeren {username} findes ikke.")
            return found
        found = User.objects.filter(is_superuser=True).order_by("pk").first()
        if found is None:
            raise CommandError("Angiv --user: der er ingen superbruger at importere som.")
        return found
