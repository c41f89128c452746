"""Test data (factory-boy); cards are made through the service, as users make them."""

from __future__ import annotations

from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from budget_portal.figures import YearValues
from budget_portal.models import BudgetCycle, Committee, Department
from proposals.models import Kind, Proposal, Status
from proposals.services import change_status, create_proposal


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"bruger{n}")
    first_name = factory.Faker("first_name", locale="da_DK")
    last_name = factory.Faker("last_name", locale="da_DK")
    password = factory.django.Password("kodeord-til-test")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        for name in extracted or ():
            # get_or_create: transactional tests flush the groups the migration made.
            self.groups.add(Group.objects.get_or_create(name=name)[0])


class CycleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetCycle

    municipality = "Testrup Kommune"
    name = "Budget 2026-2029"
    slug = factory.Sequence(lambda n: f"testrup-{n}")
    first_year = 2026
    years = 4
    price_year = 2026


class CommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Committee

    cycle = factory.SubFactory(CycleFactory)
    number = factory.Sequence(lambda n: n % 9 + 1)
    name = factory.Sequence(lambda n: f"Udvalg {n}")


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        skip_postgeneration_save = True

    cycle = factory.SubFactory(CycleFactory)
    name = factory.Sequence(lambda n: f"Afdeling {n}")

    @factory.post_generation
    def editors(self, create, extracted, **kwargs):
        for user in extracted or ():
            self.editors.add(user)


def make_card(
    *,
    by,
    department: Department,
    committee: Committee,
    number: str,
    net: int | None = 1_000_000,
    revenues: int | None = 0,
    fte: str | None = "0",
    status: str = Status.DRAFT,
    service_frame: str = "ja",
    price_year: int | None = None,
    title: str | None = None,
) -> Proposal:
    cycle = department.cycle
    years = {
        y: YearValues(
            None if net is None else net - (revenues or 0),
            revenues,
            None if fte is None else Decimal(fte),
        )
        for y in cycle.year_range
    }
    card = create_proposal(
        cycle,
        by=by,
        fields={
            "number": number,
            "kind": Kind(number[0]) if number[0] in Kind.values else Kind.TECHNICAL,
            "title": title or f"Forslag {number}",
            "committee": committee,
            "department": department,
            "price_year": price_year or cycle.price_year,
            "start_date": None,
            "service_frame": service_frame,
            "service_frame_note": "",
            "pending_note": "",
            "background": "Baggrund.",
            "consequences": "Konsekvenser.",
        },
        years=years,
    )
    path = {
        Status.DRAFT: [],
        Status.SUBMITTED: [Status.SUBMITTED],
        Status.RELEASED: [Status.RELEASED],
        Status.ADOPTED: [Status.RELEASED, Status.ADOPTED],
        Status.REJECTED: [Status.RELEASED, Status.REJECTED],
        Status.WITHDRAWN: [Status.WITHDRAWN],
    }[Status(status)]
    finance = by if by.groups.filter(name="okonomi").exists() else None
    for target in path:
        change_status(card, by=finance or by, target=target, based_on_version=card.version)
    return card
