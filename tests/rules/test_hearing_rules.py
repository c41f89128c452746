"""Rules of a hearing a citizen and finance meet: when it takes responses, which responses the
public sees and under what name, and the draft resumé in the høringsnotat."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from hearings.models import Hearing, Response, draft_summary, new_receipt

pytestmark = pytest.mark.django_db


def test_rule_a_hearing_is_open_from_its_opening_moment_until_just_before_it_closes(hearing):
    opens, closes = hearing.opens_at, hearing.closes_at
    second = timedelta(seconds=1)
    assert not hearing.is_open(opens - second)
    assert hearing.is_open(opens)
    assert hearing.is_open(closes - second)
    assert not hearing.is_open(closes)
    assert hearing.is_open()
    assert [hearing.state(m) for m in (opens - second, opens, closes - second, closes)] == [
        "kommende",
        "aaben",
        "aaben",
        "lukket",
    ]
    assert hearing.state() == "aaben"
    for moment, listed in ((opens - second, False), (opens, True), (closes, False)):
        assert Hearing.objects.open_at(moment).filter(pk=hearing.pk).exists() is listed


def _response(hearing, number, **fields):
    defaults = {"name": "Grethe Jensen", "email": "grethe@example.org", "text": "Bevar hallen."}
    return Response.objects.create(hearing=hearing, number=number, **(defaults | fields))


def test_rule_the_public_sees_published_responses_with_consent_only(hearing):
    shown = _response(hearing, 1, state=Response.State.PUBLISHED, consent=True)
    _response(hearing, 2, state=Response.State.PUBLISHED, consent=False)
    _response(hearing, 3, state=Response.State.RECEIVED, consent=True)
    _response(hearing, 4, state=Response.State.REJECTED, consent=True)
    assert list(Response.objects.published()) == [shown]
    hearing.publish_responses = False
    hearing.save()
    assert not Response.objects.published().exists()


def test_rule_finance_moderates_received_responses_that_are_not_erased(hearing):
    waiting = _response(hearing, 1, state=Response.State.RECEIVED)
    _response(hearing, 2, state=Response.State.RECEIVED, erased_at=timezone.now())
    _response(hearing, 3, state=Response.State.PUBLISHED)
    assert list(Response.objects.awaiting_moderation()) == [waiting]


def test_rule_a_response_is_shown_redacted_and_under_the_organisation_when_there_is_one(hearing):
    response = _response(hearing, 1, organisation="Svømmeklubben")
    assert response.public_sender == "Svømmeklubben"
    assert response.public_text == "Bevar hallen."
    response.published_text = "Bevar [udeladt]."
    assert response.public_text == "Bevar [udeladt]."
    response.organisation = ""
    assert response.public_sender == "Grethe Jensen"
    assert str(response) == f"{hearing.title} #1"


def test_rule_the_note_names_only_senders_who_consented(hearing):
    response = _response(hearing, 1, organisation="Svømmeklubben", consent=True)
    assert response.note_sender == "Svømmeklubben"
    response.organisation = ""
    assert response.note_sender == "Grethe Jensen"
    response.consent = False
    assert response.note_sender == "Privatperson"
    response.organisation = "Svømmeklubben"
    assert response.note_sender == "Organisation"
    response.consent, response.organisation, response.name = True, "", ""  # erased sender
    assert response.note_sender == "Privatperson"


def test_rule_the_draft_resume_is_cut_at_a_word_and_masks_cpr_numbers(hearing):
    assert draft_summary("Kort   svar.\r\nAnden linje.") == "Kort svar. Anden linje."
    assert draft_summary("en to tre fire", limit=9) == "en to tre …"
    assert draft_summary("en to, tre", limit=6) == "en to …"
    assert draft_summary("abcdefghij", limit=4) == "abcd …"
    assert draft_summary("abcd", limit=4) == "abcd"
    assert draft_summary("abcdef gh", limit=5) == "abcde …"  # no word ends inside the limit
    assert draft_summary("Brev fra TAX og mere", limit=12) == "Brev fra TAX …"
    assert "010203-1234" not in draft_summary("Mit cpr er 010203-1234.")
    assert draft_summary("") == ""
    response = _response(hearing, 1, text="Bevar hallen, den er vigtig.")
    assert response.note_summary == "Bevar hallen, den er vigtig."
    response.summary = "Ønsker hallen bevaret."
    assert response.note_summary == "Ønsker hallen bevaret."


def test_rule_a_receipt_code_is_sixteen_characters_and_never_the_same():
    codes = {new_receipt() for _ in range(20)}
    assert len(codes) == 20
    assert {len(code) for code in codes} == {16}
