"""Rules of moderating hearing responses and writing the note (hearings/services.py): who
moderated and when, each refusal's words and the field it is about, when a redaction may
keep a CPR number, and which cards a remark may be about (found by mutation testing: the
refusals were matched by a few words only, and the moderator was not read back)."""

from __future__ import annotations

import uuid

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from budget_portal.models import OutboxMessage
from hearings.models import Response
from hearings.services import (
    NotPublishable,
    Submission,
    publish_response,
    redact_response,
    reject_response,
    save_card_remark,
    submit_response,
)
from tests.factories import make_card
from tests.hearings.test_moderation import respond

pytestmark = pytest.mark.django_db


def refusal(call, *args, **kwargs) -> tuple[str, str | None]:
    with pytest.raises(NotPublishable) as refused:
        call(*args, **kwargs)
    return str(refused.value), refused.value.field


def test_rule_a_moderation_records_who_moderated_and_when(hearing, finance):
    response = respond(hearing)
    before = timezone.now()
    publish_response(response, by=finance)
    stored = Response.objects.get(pk=response.pk)
    assert stored.moderated_by == finance
    assert before <= stored.moderated_at <= timezone.now()


def test_rule_each_refusal_to_publish_says_why(hearing, finance):
    without_consent = respond(hearing, consent=False)
    assert refusal(publish_response, without_consent, by=finance) == (
        "Afsenderen har ikke givet samtykke til offentliggørelse.",
        None,
    )
    erased = respond(hearing, "Slettet svar")
    Response.objects.filter(pk=erased.pk).update(erased_at=timezone.now())
    assert refusal(publish_response, erased, by=finance) == (
        "Afsenderens oplysninger er slettet; svaret kan ikke offentliggøres.",
        None,
    )
    two_numbers = respond(hearing, "Mit CPR-nummer er 010190-1234, min mands 020290-2345.")
    message, field = refusal(publish_response, two_numbers, by=finance)
    assert (field, message) == (
        "published_text",
        "Teksten indeholder noget, der ligner et CPR-nummer (010190-1234, 020290-2345). "
        "Redigér det ud først.",
    )
    hearing.publish_responses = False
    hearing.save()
    assert refusal(publish_response, respond(hearing), by=finance) == (
        "Svarene i denne høring offentliggøres ikke.",
        None,
    )
    assert not Response.objects.filter(state=Response.State.PUBLISHED).exists()


def test_rule_publishing_a_rejected_response_clears_the_reason(hearing, finance):
    response = respond(hearing)
    reject_response(response, by=finance, reason="Uden for emnet.")
    published = publish_response(response, by=finance)
    assert Response.objects.get(pk=published.pk).rejection_reason == ""


def test_rule_a_rejection_needs_a_reason_at_its_field(hearing, finance):
    response = respond(hearing)
    assert refusal(reject_response, response, by=finance, reason="  ") == (
        "Skriv en begrundelse for afvisningen.",
        "reason",
    )
    assert Response.objects.get(pk=response.pk).state == Response.State.RECEIVED


def test_rule_a_redaction_of_a_published_response_may_not_show_a_cpr_number(hearing, finance):
    unpublished = respond(hearing)
    # Not public yet: the redaction is kept as a draft; publishing checks it again.
    redact_response(unpublished, by=finance, published_text="Ring på 010190-1234.")
    assert Response.objects.get(pk=unpublished.pk).published_text == "Ring på 010190-1234."
    published = publish_response(respond(hearing, "Bevar hallen."), by=finance)
    assert refusal(
        redact_response, published, by=finance, published_text="Ring på 010190-1234."
    ) == ("Den offentliggjorte tekst må ikke indeholde CPR-numre.", "published_text")
    assert Response.objects.get(pk=published.pk).public_text == "Bevar hallen."


def test_rule_the_receipt_links_to_the_receipt_page_on_this_site(hearing, settings):
    settings.SITE_URL = "https://budget.testrup.dk"
    response = respond(hearing)
    body = OutboxMessage.objects.get(about=response.mail_key).body
    path = reverse("hearings:receipt", kwargs={"slug": hearing.slug, "receipt": response.receipt})
    assert f"Kvittering: https://budget.testrup.dk{path}" in body


def test_rule_the_same_form_key_in_another_hearing_is_another_response(hearing, second_hearing):
    key = uuid.uuid4()

    def send(h):
        sub = Submission("Karen", "", "k@example.dk", "Svar", True, [], None, key)
        return submit_response(h, sub, client_ip="192.0.2.1")

    first, second = send(hearing), send(second_hearing)
    assert first[1] and second[1]
    assert first[0] != second[0] and second[0].hearing == second_hearing


def test_rule_a_remark_is_about_a_card_of_the_hearing_or_of_its_responses(
    hearing, finance, department_a, committee
):
    own = hearing.cards.get()
    named = make_card(by=finance, department=department_a, committee=committee, number="R150")
    unrelated = make_card(by=finance, department=department_a, committee=committee, number="R160")
    respond(hearing, "Om hallen og om R150", cards=[named])
    assert save_card_remark(hearing, own, by=finance, text=" Fastholdes. ").text == "Fastholdes."
    remark = save_card_remark(hearing, named, by=finance, text="Noteret.")
    assert (remark.card, remark.updated_by) == (named, finance)
    with pytest.raises(PermissionDenied):
        save_card_remark(hearing, unrelated, by=finance, text="Ikke i høringen.")
