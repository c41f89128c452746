"""export_proposals: every card of a cycle in the import format, plus an overview sheet."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand

from budget_portal.cycles import cycle_from_arg
from proposals.models import Proposal
from proposals.workbook import export_workbook


class Command(BaseCommand):
    help = "Eksporterer alle forslag i et budgetår til .xlsx i importformatet (arket 'Forslag')."

    def add_arguments(self, parser):
        parser.add_argument("--cycle", required=True)
        parser.add_argument("-o", "--output", required=True, type=Path)

    def handle(self, *args, cycle: str, output: Path, **options):
        budget = cycle_from_arg(cycle)
        cards = Proposal.objects.filter(cycle=budget)
        output.write_bytes(export_workbook(budget, cards))
        self.stdout.write(f"{output}: {cards.count()} forslag.")
