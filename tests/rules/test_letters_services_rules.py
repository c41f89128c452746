"""Rules of the cover letter's verbs: every change to a letter is a new version that keeps the
whole letter as it was, a save that changes nothing is none, a stale or foreign save is refused,
a release is audited, and a card started from a grant continues it."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from audit.models import Action, AuditEvent
from budget_portal.concurrency import StaleEdit
from letters.models import (
    CoverLetter,
    ExpiringGrant,
    GrantShortfall,
    LetterAttachment,
    LetterStatus,
    LetterTheme,
    Signature,
)
from letters.services import (
    record_revision,
    release_letter,
    save_grant,
    save_letter,
    start_proposal_from_grant,
)
from proposals.models import Kind
from tests.factories import CommitteeFactory, DepartmentFactory, UserFactory, make_card
from tests.hearings.test_responding import pdf_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def card(finance, department_a, committee):
    return make_card(by=finance, department=department_a, committee=committee, number="T105")


@pytest.fixture
def letter(cycle, department_a, finance, card):
    letter = CoverLetter.objects.create(
        cycle=cycle,
        department=department_a,
        heading="Budgetmateriale",
        intro="Indledning.",
        closing="Med venlig hilsen.",
        expiring_grants_heading="Udløb af bevillinger",
        expiring_grants_intro="Disse bevillinger udløber.",
    )
    LetterAttachment.objects.create(
        letter=letter, title="Redegørelse", file=SimpleUploadedFile("r.pdf", pdf_bytes())
    )
    LetterAttachment.objects.create(letter=letter, title="Kortet", card=card, position=1)
    theme = LetterTheme.objects.create(letter=letter, heading="Cyber", text="Trusler.")
    theme.cards.add(card)
    Signature.objects.create(letter=letter, name="Anders And", title="Direktør")
    sts = ExpiringGrant.objects.create(
        letter=letter,
        name="Security Tech Space",
        decision_body="byrådet",
        decision_date=date(2023, 8, 17),
        decision_amount=6_600_000,
        period_start=2025,
        period_end=2026,
        text="Basisfinansiering.",
        note="Se bilag.",
    )
    GrantShortfall.objects.create(grant=sts, year=2027, amount=1_000_000)
    domen = ExpiringGrant.objects.create(letter=letter, name="Domen", position=1)
    GrantShortfall.objects.create(grant=domen, year=2028, amount=None)
    record_revision(letter, by=finance, action="Oprettet")
    return letter


def test_rule_a_version_keeps_the_whole_letter_as_it_was(letter, card):
    kept = letter.revisions.get().snapshot
    attachment = letter.attachments.get(title="Redegørelse")
    assert kept == {
        "heading": "Budgetmateriale",
        "intro": "Indledning.",
        "closing": "Med venlig hilsen.",
        "status": LetterStatus.DRAFT,
        "expiring_grants_heading": "Udløb af bevillinger",
        "expiring_grants_intro": "Disse bevillinger udløber.",
        "attachments": [["Redegørelse", attachment.file.name, None], ["Kortet", "", card.pk]],
        "themes": [["Cyber", "Trusler.", [card.pk]]],
        "signatures": [["Anders And", "Direktør"]],
        "grants": [
            {
                "name": "Security Tech Space",
                "decision_body": "byrådet",
                "decision_date": "2023-08-17",
                "decision_amount": 6_600_000,
                "period": [2025, 2026],
                "text": "Basisfinansiering.",
                "note": "Se bilag.",
                "missing": {"2027": 1_000_000},
            },
            {
                "name": "Domen",
                "decision_body": "",
                "decision_date": None,
                "decision_amount": None,
                "period": [None, None],
                "text": "",
                "note": "",
                "missing": {"2028": None},
            },
        ],
    }


def _sts(letter):
    return letter.grants.filter(name="Security Tech Space")


# One change each, as an editor would make it; every one must show as a new version.
CHANGES = {
    "heading": lambda letter, card: CoverLetter.objects.filter(pk=letter.pk).update(heading="Ny"),
    "intro": lambda letter, card: CoverLetter.objects.filter(pk=letter.pk).update(intro="Ny."),
    "closing": lambda letter, card: CoverLetter.objects.filter(pk=letter.pk).update(closing="Ny"),
    "status": lambda letter, card: CoverLetter.objects.filter(pk=letter.pk).update(
        status=LetterStatus.RELEASED
    ),
    "grants heading": lambda letter, card: CoverLetter.objects.filter(pk=letter.pk).update(
        expiring_grants_heading="Ny"
    ),
    "grants intro": lambda letter, card: CoverLetter.objects.filter(pk=letter.pk).update(
        expiring_grants_intro="Ny"
    ),
    "attachment title": lambda letter, card: letter.attachments.filter(title="Kortet").update(
        title="Kort"
    ),
    "attachment file": lambda letter, card: letter.attachments.get(title="Redegørelse").file.save(
        "ny.pdf", SimpleUploadedFile("ny.pdf", pdf_bytes())
    ),
    "attachment card": lambda letter, card: letter.attachments.filter(title="Kortet").update(
        card=None
    ),
    "theme heading": lambda letter, card: letter.themes.update(heading="Ny"),
    "theme text": lambda letter, card: letter.themes.update(text="Ny."),
    "theme cards": lambda letter, card: letter.themes.get().cards.clear(),
    "signature name": lambda letter, card: letter.signatures.update(name="Bodil"),
    "signature title": lambda letter, card: letter.signatures.update(title="Chef"),
    "grant name": lambda letter, card: _sts(letter).update(name="STS"),
    "grant body": lambda letter, card: _sts(letter).update(decision_body="udvalget"),
    "grant date": lambda letter, card: _sts(letter).update(decision_date=date(2023, 8, 18)),
    "grant amount": lambda letter, card: _sts(letter).update(decision_amount=6_500_000),
    "grant start": lambda letter, card: _sts(letter).update(period_start=2024),
    "grant end": lambda letter, card: _sts(letter).update(period_end=2027),
    "grant text": lambda letter, card: _sts(letter).update(text="Ny."),
    "grant note": lambda letter, card: _sts(letter).update(note="Ny."),
    "shortfall year": lambda letter, card: GrantShortfall.objects.filter(
        grant__name="Security Tech Space"
    ).update(year=2028),
    "shortfall amount": lambda letter, card: GrantShortfall.objects.filter(
        grant__name="Security Tech Space"
    ).update(amount=900_000),
}


@pytest.mark.parametrize("change", CHANGES)
def test_rule_every_change_to_a_letter_is_a_new_version_and_no_change_is_none(
    letter, card, finance, change
):
    CHANGES[change](letter, card)
    letter = CoverLetter.objects.get(pk=letter.pk)
    revision = record_revision(letter, by=finance, action="Redigeret")
    assert revision is not None
    assert [r.number for r in letter.revisions.all()] == [2, 1]
    assert CoverLetter.objects.get(pk=letter.pk).version == 2
    assert record_revision(letter, by=finance, action="Redigeret") is None
    assert letter.revisions.count() == 2


def test_rule_a_save_is_listed_as_edited_by_its_author_and_one_from_an_old_form_is_refused(
    letter, editor_a
):
    assert save_letter(letter, by=editor_a, based_on_version=1, parts=[]) is None  # no change
    letter.heading = "Nyt budgetmateriale"
    revision = save_letter(letter, by=editor_a, based_on_version=1, parts=[letter])
    assert (revision.number, revision.action, revision.author) == (2, "Redigeret", editor_a)
    letter.heading = "Gammel formular"
    with pytest.raises(StaleEdit) as refused:
        save_letter(letter, by=editor_a, based_on_version=1, parts=[letter])
    assert str(refused.value) == (
        "Brevet er ændret af en anden, siden du åbnede det. Intet er gemt."
    )
    assert CoverLetter.objects.get(pk=letter.pk).heading == "Nyt budgetmateriale"


def test_rule_another_departments_editor_saves_neither_the_letter_nor_a_grant(letter, editor_b):
    letter.heading = "Overtaget"
    with pytest.raises(PermissionDenied):
        save_letter(letter, by=editor_b, based_on_version=1, parts=[letter])
    grant = _sts(letter).get()
    grant.name = "Overtaget"
    with pytest.raises(PermissionDenied):
        save_grant(grant, by=editor_b, missing={})
    assert CoverLetter.objects.get(pk=letter.pk).heading == "Budgetmateriale"
    assert _sts(letter).exists()
    assert dict(GrantShortfall.objects.values_list("year", "amount")) == {
        2027: 1_000_000,
        2028: None,
    }
    assert letter.revisions.count() == 1


def test_rule_a_release_is_audited_with_who_released_which_letter_and_only_by_finance(
    letter, finance, editor_a
):
    with pytest.raises(PermissionDenied):
        release_letter(letter, by=editor_a)
    assert CoverLetter.objects.get(pk=letter.pk).status == LetterStatus.DRAFT
    released = release_letter(letter, by=finance)
    assert released.status == CoverLetter.objects.get(pk=letter.pk).status == LetterStatus.RELEASED
    event = AuditEvent.objects.get(action=Action.PUBLISHED)
    assert (event.actor, event.target_id, event.target) == (
        finance,
        str(letter.pk),
        "Budgetmateriale",
    )
    assert letter.revisions.first().action == "Frigivet"


def test_rule_a_released_letter_is_not_released_and_audited_again(letter, finance):
    # As when two finance users press "Frigiv" at once: the second finds it released.
    stale = CoverLetter.objects.get(pk=letter.pk)
    release_letter(letter, by=finance)
    with pytest.raises(PermissionDenied):
        release_letter(stale, by=UserFactory(username="otto", roles=["okonomi"]))
    assert AuditEvent.objects.filter(action=Action.PUBLISHED).count() == 1
    assert letter.revisions.filter(action="Frigivet").count() == 1


def test_rule_a_card_from_a_grant_continues_it_with_its_missing_amounts_per_year(
    letter, finance, committee
):
    make_card(by=finance, department=letter.department, committee=committee, number="U101")
    card = start_proposal_from_grant(_sts(letter).get(), by=finance)
    assert card.number == "U102"  # U101 was taken
    assert (card.kind, card.title, card.background) == (
        Kind.EXPANSION,
        "Videreførelse af Security Tech Space",
        "Basisfinansiering.",
    )
    assert (card.committee, card.department) == (committee, letter.department)
    # 2027 is missing 1.000.000 kr.: an expense, no revenue; the other years are left open.
    assert [(y.year, y.expenses, y.revenues, y.fte) for y in card.ordered_years()] == [
        (2026, None, None, None),
        (2027, 1_000_000, 0, None),
        (2028, None, None, None),
        (2029, None, None, None),
    ]
    assert _sts(letter).get().proposal == card
    # What the grant does not say is left for the department to write.
    assert (card.service_frame, card.service_frame_note, card.pending_note, card.consequences) == (
        "",
        "",
        "",
        "",
    )
    # A shortfall whose amount is not known yet is a year with no expense filled in.
    domen = start_proposal_from_grant(letter.grants.get(name="Domen"), by=finance)
    assert domen.number == "U103"
    assert [(y.expenses, y.revenues) for y in domen.ordered_years()][2] == (None, 0)


def test_rule_a_card_from_a_grant_of_a_department_without_committee_goes_to_the_first_one(
    cycle, finance
):
    CommitteeFactory(cycle=cycle, number=5, name="Teknik- og Miljøudvalget")
    first = CommitteeFactory(cycle=cycle, number=2, name="Kultur- og Fritidsudvalget")
    department = DepartmentFactory(cycle=cycle, name="Stab", committee=None)
    letter = CoverLetter.objects.create(cycle=cycle, department=department, heading="Stab")
    grant = ExpiringGrant.objects.create(letter=letter, name="Projekt")
    card = start_proposal_from_grant(grant, by=finance)
    assert (card.committee, card.number) == (first, "U201")


def test_rule_a_card_from_a_grant_is_refused_when_the_cycle_has_no_committee(cycle, finance):
    department = DepartmentFactory(cycle=cycle, name="Stab", committee=None)
    letter = CoverLetter.objects.create(cycle=cycle, department=department, heading="Stab")
    grant = ExpiringGrant.objects.create(letter=letter, name="Projekt")
    with pytest.raises(PermissionDenied) as refused:
        start_proposal_from_grant(grant, by=finance)
    assert str(refused.value) == "Budgetåret har ingen udvalg at lægge forslaget under."
    assert not cycle.proposals.exists()
