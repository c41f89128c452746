"""Rules of writing a card (proposals/services.py): who may create or move a card and what
they are told otherwise, what a new card starts as, the words of a number taken twice and of
an edit someone else overtook, and what a status change records (found by mutation testing:
the refusals were matched by their type only, not by what the user reads)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.core.exceptions import PermissionDenied

from audit.models import Action, AuditEvent
from budget_portal.concurrency import StaleEdit
from budget_portal.figures import YearValues
from proposals.models import Proposal, Revision, Status
from proposals.services import (
    DuplicateNumber,
    change_status,
    create_proposal,
    revise_proposal,
)
from tests.factories import make_card

pytestmark = pytest.mark.django_db


def fields(department, committee, number="R301", **more):
    return {
        "number": number,
        "kind": "R",
        "title": "Lukning af filial",
        "committee": committee,
        "department": department,
        "price_year": department.cycle.price_year,
        "start_date": None,
        "service_frame": "ja",
        "service_frame_note": "",
        "pending_note": "",
        "background": "",
        "consequences": "",
    } | more


def new_card(cycle, by, department, committee) -> Proposal:
    return create_proposal(cycle, by=by, fields=fields(department, committee), years={})


def refused_edit(kind, card, by, *, fields, based_on_version) -> str:
    return refusal(
        kind,
        revise_proposal,
        card,
        by=by,
        fields=fields,
        years={},
        based_on_version=based_on_version,
    )


def refusal(kind, call, *args, **kwargs) -> str:
    with pytest.raises(kind) as refused:
        call(*args, **kwargs)
    return str(refused.value)


def test_rule_a_new_card_is_a_draft_in_version_1_with_every_year_of_the_cycle(
    cycle, editor_a, department_a, committee
):
    first = cycle.year_range[0]
    card = create_proposal(
        cycle,
        by=editor_a,
        fields=fields(department_a, committee),
        years={first: YearValues(-500_000, 0, None)},
    )
    stored = Proposal.objects.get(pk=card.pk)
    assert (stored.status, stored.version) == (Status.DRAFT, 1)
    years = {y.year: (y.expenses, y.revenues) for y in stored.years.all()}
    assert years == {y: ((-500_000, 0) if y == first else (None, None)) for y in cycle.year_range}
    assert [(r.number, r.action) for r in stored.revisions.all()] == [(1, "Oprettet")]


def test_rule_an_editor_creates_cards_only_for_their_own_department_and_is_told_so(
    cycle, editor_a, department_b, committee
):
    assert (
        refusal(PermissionDenied, new_card, cycle, editor_a, department_b, committee)
        == "Du kan ikke oprette forslag for denne afdeling."
    )
    assert not Proposal.objects.exists()


def test_rule_a_number_is_taken_once_per_cycle(cycle, editor_a, department_a, committee, finance):
    make_card(by=finance, department=department_a, committee=committee, number="R301")
    other = make_card(by=finance, department=department_a, committee=committee, number="R302")
    message = "Nr. R301 findes allerede i dette budgetår."
    assert refusal(DuplicateNumber, new_card, cycle, editor_a, department_a, committee) == message
    assert (
        refused_edit(
            DuplicateNumber,
            other,
            finance,
            fields={"number": "R301"},
            based_on_version=other.version,
        )
        == message
    )
    assert Proposal.objects.get(pk=other.pk).number == "R302"


def test_rule_an_overtaken_edit_names_who_changed_the_card_and_when(
    editor_a, department_a, committee, finance
):
    finance.first_name, finance.last_name = "Olga", "Holm"
    finance.save()
    card = make_card(by=finance, department=department_a, committee=committee, number="R303")
    Revision.objects.filter(proposal=card).update(
        created_at=datetime(2026, 3, 12, 13, 5, tzinfo=UTC)
    )
    assert refused_edit(
        StaleEdit, card, editor_a, fields={"title": "Ny titel"}, based_on_version=card.version - 1
    ) == (
        "Kortet er ændret af Olga Holm 12. marts 2026 kl. 14.05, efter du åbnede det. "
        "Dine ændringer er ikke gemt: se den nye version, og indtast dem igen."
    )
    finance.first_name = finance.last_name = ""
    finance.save()
    assert "Kortet er ændret af olga 12. marts 2026" in refusal(
        StaleEdit,
        change_status,
        card,
        by=editor_a,
        target=Status.SUBMITTED,
        based_on_version=card.version - 1,
    )
    Revision.objects.filter(proposal=card).delete()
    assert (
        refused_edit(StaleEdit, card, editor_a, fields={}, based_on_version=card.version - 1)
        == "Kortet er ændret af en anden, siden du åbnede det."
    )


def test_rule_an_editor_may_not_edit_a_submitted_card_nor_move_a_card_away(
    editor_a, department_a, department_b, committee, finance
):
    card = make_card(by=editor_a, department=department_a, committee=committee, number="R304")
    assert (
        refused_edit(
            PermissionDenied,
            card,
            editor_a,
            fields={"department": department_b},
            based_on_version=card.version,
        )
        == "Du kan ikke flytte kortet til den afdeling."
    )
    change_status(card, by=editor_a, target=Status.SUBMITTED, based_on_version=card.version)
    assert (
        refused_edit(
            PermissionDenied, card, editor_a, fields={"title": "Ny"}, based_on_version=card.version
        )
        == "Du kan ikke længere redigere dette kort."
    )
    assert (
        refusal(
            PermissionDenied,
            change_status,
            card,
            by=editor_a,
            target=Status.ADOPTED,
            based_on_version=card.version,
        )
        == "Den statusændring er ikke tilladt."
    )


def test_rule_a_status_change_records_the_case_it_cites(department_a, committee, finance):
    card = make_card(by=finance, department=department_a, committee=committee, number="R305")
    case = " 24.00.00-A00-1-26 " + "x" * 40
    revision = change_status(
        card, by=finance, target=Status.SUBMITTED, based_on_version=card.version, case_number=case
    )
    cited = case.strip()[:40]
    assert revision.action == f"Status: Kladde → Indsendt (sag {cited})"
    event = AuditEvent.objects.get(action=Action.STATUS)
    assert event.details == {"fra": "kladde", "til": "indsendt", "sag": cited}
    assert (event.actor, event.target_id) == (finance, str(card.pk))
    plain = change_status(card, by=finance, target=Status.RELEASED, based_on_version=card.version)
    assert plain.action == "Status: Indsendt → Frigivet til politikerne"


def test_rule_an_edit_is_the_next_version_redigeret_and_the_form_holds_it(
    editor_a, department_a, committee, finance
):
    card = make_card(by=editor_a, department=department_a, committee=committee, number="R306")
    revision = revise_proposal(
        card,
        by=editor_a,
        fields={"title": "Ny titel", "department": department_a},
        years={},
        based_on_version=card.version,
    )
    assert (revision.number, revision.action, revision.changed) == (2, "Redigeret", ["Titel"])
    # the caller's card is the new version, so a second save from the same form is not stale
    assert card.version == 2
    assert (
        revise_proposal(
            card, by=editor_a, fields={"title": "Igen"}, years={}, based_on_version=card.version
        ).number
        == 3
    )


def test_rule_a_status_change_is_one_version_and_lists_the_status_as_changed(
    department_a, committee, finance
):
    card = make_card(by=finance, department=department_a, committee=committee, number="R307")
    revision = change_status(card, by=finance, target=Status.SUBMITTED, based_on_version=1)
    assert (revision.number, card.version, Proposal.objects.get(pk=card.pk).version) == (2, 2, 2)
    assert revision.changed == ["Status"]
