from __future__ import annotations

from datetime import date

import pytest

from letters.models import (
    CoverLetter,
    ExpiringGrant,
    GrantShortfall,
    LetterAttachment,
    LetterStatus,
    LetterTheme,
    Signature,
)
from letters.services import record_revision


@pytest.fixture
def letter(cycle, department_a, finance):
    letter = CoverLetter.objects.create(
        cycle=cycle, department=department_a, heading="Borgmesterens Afdelings budgetmateriale",
        intro="Nedenfor er redegjort for nogle af de områder.", status=LetterStatus.DRAFT,
        expiring_grants_heading="Udløb af bevillinger",
    )  # fmt: skip
    LetterAttachment.objects.create(letter=letter, title="Forslag til budgetredegørelsen 2026.")
    LetterTheme.objects.create(letter=letter, heading="Cybersikkerhed", text="Vi oplever en øget "
                               "trussel.", position=1)  # fmt: skip
    LetterTheme.objects.create(letter=letter, heading="AI", text="Kunstig intelligens.", position=0)
    Signature.objects.create(letter=letter, name="Anders Borgmester", title="Borgmester")
    sts = ExpiringGrant.objects.create(
        letter=letter, name="Security Tech Space", decision_body="byrådet",
        decision_date=date(2023, 8, 17), decision_amount=6_600_000, period_start=2025,
        period_end=2026, text="Basisfinansiering i 2025-2026.", position=0,
    )  # fmt: skip
    GrantShortfall.objects.create(grant=sts, year=2027, amount=1_000_000)
    domen = ExpiringGrant.objects.create(letter=letter, name="Domen", position=1)
    GrantShortfall.objects.create(grant=domen, year=2027, amount=None)
    GrantShortfall.objects.create(grant=domen, year=2028, amount=2_000_000)
    record_revision(letter, by=finance, action="Oprettet")
    return letter
