"""Rules of writing many cards at once (proposals/services.py `write_cards`, the Excel
import's writer): the same refusals as one card at a time, the first card that breaks a rule
named, nothing written unless everything can be, and what each written card keeps (found by
mutation testing: the workbook tests reached these lines but pinned only the happy counts)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from budget_portal.concurrency import StaleEdit
from budget_portal.figures import YearValues
from budget_portal.models import BudgetCycle
from proposals import services
from proposals.models import Proposal, ProposalYear, Revision, Status
from proposals.services import (
    CardWrite,
    CardWriteFailed,
    DuplicateNumber,
    change_status,
    write_cards,
)
from tests.factories import CommitteeFactory, CycleFactory, DepartmentFactory, make_card
from tests.rules.test_card_service_rules import fields

pytestmark = pytest.mark.django_db


def new(department, committee, number, years=None, key=None) -> CardWrite:
    return CardWrite(
        key=key or number,
        number=number,
        fields=fields(department, committee, number=number),
        years=years or {},
    )


def change(card, version=None, years=None, key=None, **changed) -> CardWrite:
    return CardWrite(
        key=key or card.number,
        number=card.number,
        fields=changed,
        years=years or {},
        version=card.version if version is None else version,
    )


def failure(cycle, cards, by) -> CardWriteFailed:
    with pytest.raises(CardWriteFailed) as failed:
        write_cards(cycle, cards, by=by)
    return failed.value


def state(cycle) -> list[tuple]:
    """Everything a refused write must leave as it was."""
    cards = [
        (p.number, p.title, p.version, p.department_id)
        for p in Proposal.objects.filter(cycle=cycle).order_by("number")
    ]
    years = list(
        ProposalYear.objects.order_by("proposal__number", "year").values_list(
            "proposal__number", "year", "expenses", "revenues", "fte"
        )
    )
    revisions = list(Revision.objects.order_by("pk").values_list("proposal__number", "number"))
    return [cards, years, revisions]


@pytest.fixture
def card(finance, department_a, committee):
    return make_card(by=finance, department=department_a, committee=committee, number="T101")


def test_rule_new_cards_are_drafts_in_version_1_with_every_year_and_an_oprettet_revision(
    cycle, editor_a, department_a, committee
):
    first, *rest = cycle.year_range
    cards = [
        new(department_a, committee, "T201", {first: YearValues(-250_000, 40_000, Decimal("1.5"))}),
        new(department_a, committee, "T202"),
    ]
    assert write_cards(cycle, cards, by=editor_a) == (2, 0)
    t201, t202 = Proposal.objects.filter(cycle=cycle).order_by("number")
    for stored in (t201, t202):
        assert (stored.status, stored.version, stored.cycle) == (Status.DRAFT, 1, cycle)
        (revision,) = stored.revisions.all()
        assert (revision.number, revision.action, revision.author) == (1, "Oprettet", editor_a)
        assert revision.changed == []
        assert revision.snapshot["number"] == stored.number
    assert {y.year: (y.expenses, y.revenues, y.fte) for y in t201.years.all()} == {
        first: (-250_000, 40_000, Decimal("1.5")),
        **dict.fromkeys(rest, (None, None, None)),
    }
    assert t202.years.count() == len(cycle.year_range)
    snapshot = t201.revisions.get().snapshot
    assert snapshot["years"][str(first)] == {"expenses": -250_000, "revenues": 40_000, "fte": "1.5"}
    assert sorted(snapshot["years"]) == [str(y) for y in cycle.year_range]


def test_rule_changed_cards_get_the_next_version_their_years_and_a_redigeret_revision(
    cycle, finance, card, department_a, committee
):
    other = make_card(by=finance, department=department_a, committee=committee, number="T102")
    first, second, *_ = cycle.year_range
    before = Proposal.objects.get(pk=card.pk).updated_at
    ProposalYear.objects.filter(proposal=card, year=second).delete()  # a year never written
    cards = [
        change(
            card,
            years={first: YearValues(-9, 1, Decimal("2")), second: YearValues(-7, 0, None)},
            title="Ny titel",
        ),
        change(other, background="Ny baggrund"),
    ]
    assert write_cards(cycle, cards, by=finance) == (0, 2)
    card.refresh_from_db()
    other.refresh_from_db()
    # each card keeps the fields it changed, though the two changed different ones
    assert (card.title, card.version) == ("Ny titel", 2)
    assert (other.background, other.title, other.version) == ("Ny baggrund", "Forslag T102", 2)
    assert card.updated_at > before
    years = {y.year: (y.expenses, y.revenues, y.fte) for y in card.years.all()}
    assert years[first] == (-9, 1, Decimal("2"))
    assert years[second] == (-7, 0, None)
    revision = card.revisions.first()
    assert (revision.number, revision.action, revision.author) == (2, "Redigeret", finance)
    assert "Titel" in revision.changed
    assert revision.snapshot["title"] == "Ny titel"
    assert revision.snapshot["years"][str(first)]["expenses"] == -9
    assert revision.snapshot["years"][str(second)] == {"expenses": -7, "revenues": 0, "fte": None}
    assert other.revisions.first().changed == ["Baggrund og beskrivelse"]


def test_rule_an_unchanged_card_is_not_counted_and_gets_no_revision(cycle, finance, card):
    first = cycle.year_range[0]
    same = card.years.get(year=first)
    cards = [
        change(
            card,
            title=card.title,
            years={first: YearValues(same.expenses, same.revenues, same.fte)},
        )
    ]
    assert write_cards(cycle, cards, by=finance) == (0, 0)
    card.refresh_from_db()
    assert card.version == 1
    assert card.revisions.count() == 1


def test_rule_a_year_outside_the_cycle_is_refused_before_anything_is_written(
    cycle, finance, card, department_a, committee
):
    last = cycle.year_range[-1]
    before = state(cycle)
    with pytest.raises(ValueError) as refused:
        write_cards(
            cycle,
            [
                new(department_a, committee, "T201"),
                change(card, years={last + 1: YearValues(1, 0, None)}, title="Ny"),
            ],
            by=finance,
        )
    assert str(refused.value) == f"[{last + 1}] is outside the cycle"
    assert state(cycle) == before


def test_rule_an_editor_creates_only_for_their_department_and_nothing_is_written(
    cycle, editor_a, department_a, department_b, committee
):
    cards = [new(department_a, committee, "T201"), new(department_b, committee, "T202")]
    with pytest.raises(PermissionDenied) as refused:
        write_cards(cycle, cards, by=editor_a)
    assert str(refused.value) == "Du kan ikke oprette forslag for denne afdeling."
    assert not Proposal.objects.exists()
    # the answer per department is remembered, not the first one for every department
    with pytest.raises(PermissionDenied):
        write_cards(cycle, cards[:1] + cards, by=editor_a)
    assert write_cards(cycle, cards[:1], by=editor_a) == (1, 0)


def test_rule_a_number_already_taken_names_the_row_and_the_number(
    cycle, editor_a, card, department_a, committee
):
    before = state(cycle)
    failed = failure(
        cycle,
        [new(department_a, committee, "T201"), new(department_a, committee, "T101", key=7)],
        editor_a,
    )
    assert failed.card.key == 7
    assert isinstance(failed.cause, DuplicateNumber)
    assert str(failed) == str(failed.cause) == "Nr. T101 findes allerede i dette budgetår."
    assert state(cycle) == before


def test_rule_a_card_deleted_since_the_export_names_its_row(cycle, finance, card):
    gone = make_card(
        by=finance, department=card.department, committee=card.committee, number="T102"
    )
    write = change(gone, key=12, title="Ny")
    gone.delete()
    before = state(cycle)
    failed = failure(cycle, [change(card, title="Ny"), write], finance)
    assert failed.card.key == 12
    assert isinstance(failed.cause, Proposal.DoesNotExist)
    assert state(cycle) == before


def test_rule_a_card_changed_since_the_export_is_overtaken_and_says_by_whom(cycle, finance, card):
    finance.first_name, finance.last_name = "Olga", "Holm"
    finance.save()
    before = state(cycle)
    failed = failure(cycle, [change(card, version=card.version - 1, key=3, title="Ny")], finance)
    assert failed.card.key == 3
    assert isinstance(failed.cause, StaleEdit)
    assert str(failed.cause).startswith("Kortet er ændret af Olga Holm ")
    assert state(cycle) == before


def test_rule_an_editor_may_not_change_a_submitted_card_nor_move_one_away(
    cycle, editor_a, department_a, department_b, committee
):
    mine = make_card(by=editor_a, department=department_a, committee=committee, number="T201")
    sent = make_card(by=editor_a, department=department_a, committee=committee, number="T202")
    change_status(sent, by=editor_a, target=Status.SUBMITTED, based_on_version=sent.version)
    before = state(cycle)
    with pytest.raises(PermissionDenied) as refused:
        write_cards(cycle, [change(mine, title="Ny"), change(sent, title="Ny")], by=editor_a)
    assert str(refused.value) == "Du kan ikke længere redigere dette kort."
    with pytest.raises(PermissionDenied) as refused:
        write_cards(cycle, [change(mine, department=department_b)], by=editor_a)
    assert str(refused.value) == "Du kan ikke flytte kortet til den afdeling."
    assert state(cycle) == before
    assert write_cards(cycle, [change(mine, department=department_a, title="Ny")], by=editor_a) == (
        0,
        1,
    )


def test_rule_the_first_card_that_breaks_a_rule_is_the_one_named(
    cycle, finance, card, department_a, committee
):
    stale = change(card, version=card.version + 1, key="stale")
    taken = new(department_a, committee, "T101", key="taken")
    assert failure(cycle, [taken, stale], finance).card.key == "taken"
    assert failure(cycle, [stale, taken], finance).card.key == "stale"


def test_rule_a_number_taken_between_the_check_and_the_insert_names_that_card(
    cycle, finance, department_a, committee, monkeypatch
):
    """Another import took T202 after this one checked its numbers (the check holds no lock
    on numbers not yet there): the card named is the one whose number went, and nothing of
    this import is kept."""
    cards = [
        new(department_a, committee, "T201", key=1),
        new(department_a, committee, "T202", key=2),
    ]
    next_year_card(finance, "T201")  # taken in another budget: not the number that went
    real = services.timezone.now
    taken_once = []

    def racing():  # called once between the checks and the writes
        if not taken_once:
            taken_once.append(True)
            make_card(by=finance, department=department_a, committee=committee, number="T202")
        return real()

    monkeypatch.setattr(services.timezone, "now", racing)
    failed = failure(cycle, cards, finance)
    assert failed.card.key == 2
    assert str(failed.cause) == "Nr. T202 findes allerede i dette budgetår."
    monkeypatch.undo()
    assert not Proposal.objects.filter(cycle=cycle).exists()


def next_year_card(finance, number: str):
    """A card of next year's budget (its own cycle, department and committee)."""
    later = BudgetCycle.objects.filter(slug="testrup-2027").first() or CycleFactory(
        slug="testrup-2027", first_year=2027, price_year=2027
    )
    return make_card(
        by=finance,
        department=DepartmentFactory(cycle=later, name=f"Afdeling {number}"),
        committee=CommitteeFactory(cycle=later, number=int(number[1:]) % 9 + 1),
        number=number,
    )


def test_rule_numbers_belong_to_their_cycle(cycle, finance, card, department_a, committee):
    """Next year's budget has its own T101 and T105: they neither block a new T105 here nor
    are the cards a change of this year's T101 reaches."""
    there = next_year_card(finance, "T109")
    elsewhere = next_year_card(finance, "T101")
    next_year_card(finance, "T105")
    assert write_cards(cycle, [new(department_a, committee, "T105")], by=finance) == (1, 0)
    assert write_cards(cycle, [change(card, title="Kun her")], by=finance) == (0, 1)
    elsewhere.refresh_from_db()
    assert (elsewhere.title, elsewhere.version) == ("Forslag T101", 1)
    gone = failure(cycle, [change(there, title="Ikke her")], finance)
    assert isinstance(gone.cause, Proposal.DoesNotExist)


def test_rule_an_unchanged_card_does_not_stop_the_cards_after_it(
    cycle, finance, card, department_a, committee
):
    other = make_card(by=finance, department=department_a, committee=committee, number="T102")
    cards = [change(card, title=card.title), change(other, title="Ny titel")]
    assert write_cards(cycle, cards, by=finance) == (0, 1)
    other.refresh_from_db()
    assert (other.title, other.version) == ("Ny titel", 2)
