"""render_publication: a catalog or one card as PDF, to a file, without the worker."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from budget_portal.cycles import cycle_from_arg
from budget_portal.publications import REGISTRY
from proposals.models import Proposal
from proposals.publications import INTERNAL, PUBLIC, catalog_params


class Command(BaseCommand):
    help = (
        "Laver en PDF: 'catalog' (kataloget, offentlig udgave med frigivne kort, eller "
        "--edition intern med alle) eller 'card NR' (ét kort). Skriver til -o FIL."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["catalog", "card"])
        parser.add_argument("number", nargs="?", help="kortets nr. for 'card', fx T101")
        parser.add_argument("--cycle", required=True, help="fx 2026 eller norddjurs-2026")
        parser.add_argument("-o", "--output", required=True, type=Path)
        parser.add_argument("--edition", choices=[PUBLIC, INTERNAL], default=PUBLIC)
        parser.add_argument("--kind-filter", dest="card_kind", default="")
        parser.add_argument("--committee", default="")
        parser.add_argument("--status", default="")

    def handle(self, *args, kind, number, cycle, output, **options):
        budget = cycle_from_arg(cycle)
        if kind == "card":
            if not number:
                raise CommandError("Angiv kortets nr., fx: render_publication card T101 ...")
            if not Proposal.objects.filter(cycle=budget, number=number.upper()).exists():
                raise CommandError(f"{number} findes ikke i {budget}.")
            params = {"number": number.upper()}
        else:
            params = catalog_params(
                edition=options["edition"],
                kind=options["card_kind"],
                committee=options["committee"],
                status=options["status"],
            )
        data = REGISTRY[kind].render(budget, params, lambda _pct: None)
        output.write_bytes(data)
        self.stdout.write(f"{output}: {len(data):,} bytes".replace(",", "."))
