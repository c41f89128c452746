from __future__ import annotations

from datetime import date

import pytest

from implementation.models import (
    Absence,
    Case,
    ImplementationPlan,
    ItemKind,
    PlanGroup,
    PlanItem,
    Treatment,
)


@pytest.fixture
def plan(cycle, committee, committee_b):
    plan = ImplementationPlan.objects.create(cycle=cycle, title="Udmøntningsplan 2024-2027",
                                             released=True)  # fmt: skip
    economy = PlanGroup.objects.create(plan=plan, name="Økonomisk Politik", position=0)
    schools = PlanGroup.objects.create(plan=plan, name="Skoler og dagtilbud", position=1)
    items = [
        PlanItem(group=economy, title="Budget i balance", kind=ItemKind.OPERATING, completed=True,
                 timing="1. kvartal 2024"),
        PlanItem(group=economy, title="Råderumsdiskussion", kind=ItemKind.INTENT),
        PlanItem(group=schools, title="Ny skolestruktur", kind=ItemKind.CAPITAL,
                 timing="2025"),
        PlanItem(group=schools, title="Afledt drift af ny daginstitution",
                 kind=ItemKind.OPERATING, completed=True),
        PlanItem(group=schools, title="Flere pædagoger", kind=ItemKind.OPERATING),
    ]  # fmt: skip
    for i, item in enumerate(items):
        item.position = i
        item.save()
    items[2].committees.add(committee_b)
    items[0].committees.add(committee)
    return plan


@pytest.fixture
def case(plan, cycle):
    case = Case.objects.create(
        cycle=cycle, plan=plan, number="23/9260", is_open=True, title="Udmøntningsplan 2024-2027",
        routing="ØK, KB", presentation="Der er udarbejdet udmøntningsplan for budget 2024-2027.",
        economic_consequences="Ingen.", legal_basis="Den kommunale styrelseslov og Budgetloven.",
        recommendation="Kommunaldirektøren indstiller, at udmøntningsplanen drøftes og godkendes.",
    )  # fmt: skip
    Treatment.objects.create(
        case=case, body="Økonomiudvalget", meeting_date=date(2023, 12, 5), decision="Tiltrådt."
    )
    kb = Treatment.objects.create(
        case=case, body="Kommunalbestyrelsen", meeting_date=date(2023, 12, 12), decision="Godkendt."
    )
    Absence.objects.create(treatment=kb, name="Niels Basballe", note="A")
    return case
