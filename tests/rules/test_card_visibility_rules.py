"""Which cards a user may read (proposals.models.Visibility): the facts visible_to filters on
and a shared card list is keyed on, so a test here fails when either stops telling users
apart."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from proposals.models import Proposal, Status, Visibility
from tests.factories import DepartmentFactory, UserFactory, make_card


def numbers(user, cycle) -> list[str]:
    return sorted(
        Proposal.objects.visible_to(user).filter(cycle=cycle).values_list("number", flat=True)
    )


def test_rule_finance_sees_every_card(cycle, finance, department_a, committee):
    make_card(by=finance, department=department_a, committee=committee, number="T101")
    assert Visibility.of(finance) == Visibility(every=True)
    assert Visibility.of(finance).key() == "every"
    assert numbers(finance, cycle) == ["T101"]


def test_rule_citizens_and_politicians_see_the_public_cards_only(
    cycle, finance, politician, department_a, committee
):
    for number, status in (("T101", Status.RELEASED), ("T102", Status.DRAFT),
                           ("T103", Status.ADOPTED), ("T104", Status.SUBMITTED)):  # fmt: skip
        make_card(by=finance, department=department_a, committee=committee, number=number,
                  status=status)  # fmt: skip
    for reader in (AnonymousUser(), politician):
        assert Visibility.of(reader) == Visibility()
        assert Visibility.of(reader).key() == "public+"
        assert numbers(reader, cycle) == ["T101", "T103"]


def test_rule_an_editor_sees_the_public_cards_and_every_card_of_their_departments(
    cycle, finance, editor_a, department_a, department_b, committee, committee_b
):
    third = DepartmentFactory(cycle=cycle, name="Teknik og Miljø", committee=committee,
                              editors=[editor_a])  # fmt: skip
    made = {}
    for number, department, status in (
        ("T101", department_a, Status.DRAFT), ("T102", department_b, Status.DRAFT),
        ("T103", department_b, Status.RELEASED), ("T104", third, Status.SUBMITTED),
    ):  # fmt: skip
        made[number] = make_card(by=finance, department=department, committee=committee,
                                 number=number, status=status)  # fmt: skip
    seen = Visibility.of(editor_a)
    assert seen == Visibility(departments=tuple(sorted([department_a.pk, third.pk])))
    assert seen.key() == "public+" + ".".join(str(pk) for pk in sorted([department_a.pk, third.pk]))
    assert numbers(editor_a, cycle) == ["T101", "T103", "T104"]


def test_rule_an_editor_without_departments_sees_what_citizens_see(
    cycle, finance, department_a, committee
):
    lone = UserFactory(username="lone", roles=["afdeling"])
    make_card(by=finance, department=department_a, committee=committee, number="T101")
    assert Visibility.of(lone) == Visibility()
    assert numbers(lone, cycle) == []


def test_rule_editors_of_other_departments_get_other_keys(
    editor_a, editor_b, department_a, department_b
):
    assert Visibility.of(editor_a).key() != Visibility.of(editor_b).key()
    assert Visibility.of(editor_a).key() != Visibility().key()
