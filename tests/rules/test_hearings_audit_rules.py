"""Rules of the hearing's moderation and note verbs in the audit log: every publication,
rejection, redaction, resumé and card remark is recorded with who did it, to which response or
hearing, and what it became (found by mutation testing: no test read these entries)."""

from __future__ import annotations

import pytest

from audit.models import Action, AuditEvent
from hearings.services import (
    publish_response,
    redact_response,
    reject_response,
    save_card_remark,
    save_response_note,
)
from tests.hearings.test_moderation import respond

pytestmark = pytest.mark.django_db


def moderated(by) -> list[tuple]:
    events = AuditEvent.objects.filter(action=Action.MODERATED, actor=by).order_by("pk")
    return [(e.target_type, e.target_id, e.details) for e in events]


def test_rule_each_moderation_is_logged_with_who_which_response_and_what_it_became(
    hearing, finance
):
    first, second = respond(hearing, "Bevar hallen."), respond(hearing, "Luk den.")
    publish_response(first, by=finance)
    redact_response(first, by=finance, published_text="Bevar den.")
    reject_response(second, by=finance, reason="Uden for emnet.")
    kind = AuditEvent.objects.filter(target_id=str(first.pk)).first().target_type
    assert moderated(finance) == [
        (kind, str(first.pk), {"til": "offentliggjort"}),
        (kind, str(first.pk), {"til": "redigeret"}),
        (kind, str(second.pk), {"til": "afvist"}),
    ]


def test_rule_the_notes_resume_and_card_remark_are_logged_with_who_and_which_card(hearing, finance):
    card = hearing.cards.get()
    response = respond(hearing, "Bevar hallen.", cards=[card])
    save_response_note(response, by=finance, summary="Ønsker hallen bevaret.", remark="Noteret.")
    save_card_remark(hearing, card, by=finance, text="Forvaltningen fastholder forslaget.")
    save_card_remark(hearing, None, by=finance, text="Tak for svarene.")
    events = AuditEvent.objects.filter(action=Action.MODERATED, actor=finance).order_by("pk")
    assert [(e.target_id, e.details) for e in events] == [
        (str(response.pk), {"til": "høringsnotat"}),
        (str(hearing.pk), {"til": "høringsnotat", "forslag": card.number}),
        (str(hearing.pk), {"til": "høringsnotat", "forslag": ""}),
    ]
    assert events[1].target == str(hearing)
