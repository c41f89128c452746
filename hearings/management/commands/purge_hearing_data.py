from django.core.management.base import BaseCommand

from hearings.personal_data import apply_retention


class Command(BaseCommand):
    help = "Sletter persondata i høringssvar, hvis høringens opbevaringsfrist er udløbet."

    def handle(self, *args, **options):
        self.stdout.write(f"Persondata slettet i {apply_retention()} høringssvar")
