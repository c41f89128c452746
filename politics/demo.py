"""Demo party groups: the demo politician sits for Socialdemokratiet (A)."""

from __future__ import annotations

from django.db import transaction

from budget_portal.demo import demo_users
from politics.models import Membership, Party

PARTIES = (("A", "Socialdemokratiet"), ("V", "Venstre"), ("F", "SF"), ("C", "Konservative"))


@transaction.atomic
def load_parties() -> str:
    parties = {letter: Party.objects.get_or_create(letter=letter, defaults={"name": name})[0]
               for letter, name in PARTIES}  # fmt: skip
    Membership.objects.get_or_create(
        user=demo_users()["politiker"], defaults={"party": parties["A"]}
    )
    return f"Partier: {', '.join(PARTIES_LETTERS)}; politiker er medlem af A."


PARTIES_LETTERS = [letter for letter, _name in PARTIES]
