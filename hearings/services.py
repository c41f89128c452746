"""Verbs on hearings: receive a response, moderate it (publish, redact, reject), and write
the høringsnotat (resumé and bemærkning per response, a bemærkning per card)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta
from operator import attrgetter

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from audit import log as audit
from budget_portal.clients import client_hash
from budget_portal.outbox import queue_mail
from budget_portal.personal_data import find_cpr_numbers, mask_cpr_numbers
from hearings.models import Hearing, NoteRemark, Response
from proposals.models import Proposal


class HearingClosed(Exception):
    pass


class TooManyResponses(Exception):
    pass


class NotPublishable(Exception):
    """A moderation refused; FIELD names the form field it is about (None: the response)."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Submission:
    name: str
    organisation: str
    email: str
    text: str
    consent: bool
    cards: list
    attachment: object | None
    submission_key: object
    name_verified: bool = False


def submit_response(
    hearing: Hearing, submission: Submission, *, client_ip: str, now=None
) -> tuple[Response, bool]:
    """Store a response once. Returns (response, created); a repeated submit gets the first."""
    now = now or timezone.now()
    existing = Response.objects.filter(
        hearing=hearing, submission_key=submission.submission_key
    ).first()
    if existing:
        return existing, False
    if not hearing.is_open(now):
        raise HearingClosed(_("Høringen er lukket. Der kan ikke længere afgives svar."))
    ip_key = client_hash(client_ip)
    limit = settings.HEARING_RESPONSES_PER_HOUR
    cards = sorted(submission.cards, key=attrgetter("number"))
    response = Response(
        hearing=hearing,
        name=submission.name,
        organisation=submission.organisation,
        email=submission.email,
        text=submission.text,
        consent=submission.consent,
        name_verified=submission.name_verified,
        submission_key=submission.submission_key,
        client_hash=ip_key,
    )
    try:
        with transaction.atomic():
            if submission.attachment:
                # The file is written before the hearing is locked: a large upload must not
                # hold up everyone else's response.
                response.attachment_name = submission.attachment.name[:255]
                response.attachment.save(
                    submission.attachment.name, submission.attachment, save=False
                )
            # The receipt is written before the lock too, with slots for the number and the
            # time (a random token no text can hold by chance), filled in once they are known.
            slot = secrets.token_hex(8)
            draft = receipt_text(response, cards, number=f"[{slot}n]", received=f"[{slot}t]")
            # Lock the hearing for the hourly count and the number only: numbers are given
            # one at a time, without gaps or twins, and the count is read under the same lock,
            # so parallel requests cannot all slip under the limit. Then three short writes
            # (the row, its cards, the receipt in the outbox: the worker sends it), the
            # commit, and the lock is gone.
            Hearing.objects.select_for_update().filter(pk=hearing.pk).first()
            if limit and (
                Response.objects.filter(
                    hearing=hearing, client_hash=ip_key, created_at__gte=now - timedelta(hours=1)
                ).count()
                >= limit
            ):
                raise TooManyResponses(
                    _(
                        "Der er sendt mange svar fra din forbindelse den sidste time. "
                        "Prøv igen senere."
                    )
                )
            last = Response.objects.filter(hearing=hearing).aggregate(n=Max("number"))["n"]
            response.number = (last or 0) + 1
            response.save()
            if cards:  # a new response has none to replace: add, without reading first
                response.cards.add(*cards)
            received = formats.date_format(timezone.localtime(response.created_at), RECEIVED)
            draft = draft.replace(f"[{slot}n]", str(response.number))
            queue_receipt(response, draft.replace(f"[{slot}t]", received))
    except IntegrityError:
        # The same form was sent twice at the same moment; the other request stored it.
        _discard_file(response)
        existing = Response.objects.get(hearing=hearing, submission_key=submission.submission_key)
        return existing, False
    except BaseException:
        # The row was rolled back (a dropped connection, say): its file must not linger.
        _discard_file(response)
        raise
    return response, True


def _discard_file(response: Response | None) -> None:
    if response is not None and response.attachment.name:
        response.attachment.storage.delete(response.attachment.name)


def receipt_subject(hearing: Hearing) -> str:
    return _("Kvittering: dit høringssvar til %(t)s") % {"t": hearing.title}


# When the receipt says the response was received ("3. februar 2026 kl. 14.05").
RECEIVED = r"j. F Y \k\l. H.i"


def receipt_text(response: Response, cards: list[Proposal], *, number: str, received: str) -> str:
    """The receipt mail's text: the response with its NUMBER, the time it was RECEIVED and
    the CARDS it is about (in number order)."""
    # A mail sits in inboxes and servers for years: it never repeats a CPR number.
    context = {
        "response": response,
        "hearing": response.hearing,
        "number": number,
        "received": received,
        "site": settings.SITE_URL,
        "text": mask_cpr_numbers(response.text),
        "attachment_name": mask_cpr_numbers(response.attachment_name),
        "cards": cards,
    }
    return render_to_string("hearings/email/receipt.txt", context)


def queue_receipt(response: Response, body: str) -> None:
    """The receipt goes through the outbox, in the same transaction as the response."""
    queue_mail([response.email], receipt_subject(response.hearing), body, about=response.mail_key)


def _moderate(response: Response, by) -> Response:
    if not by.has_perm("hearings.moderate_responses"):
        raise PermissionDenied
    locked = Response.objects.select_for_update().get(pk=response.pk)
    locked.moderated_at = timezone.now()
    locked.moderated_by = by
    return locked


@transaction.atomic
def publish_response(response: Response, *, by, published_text: str | None = None) -> Response:
    """Publish (optionally redacted). Refused without consent or while a CPR number shows."""
    locked = _moderate(response, by)
    if locked.erased_at and locked.state != Response.State.PUBLISHED:
        raise NotPublishable(
            _("Afsenderens oplysninger er slettet; svaret kan ikke offentliggøres.")
        )
    if not locked.consent:
        raise NotPublishable(_("Afsenderen har ikke givet samtykke til offentliggørelse."))
    if not locked.hearing.publish_responses:
        raise NotPublishable(_("Svarene i denne høring offentliggøres ikke."))
    if published_text is not None:
        locked.published_text = published_text.strip()
    numbers = find_cpr_numbers(locked.public_text)
    if numbers:
        raise NotPublishable(
            _("Teksten indeholder noget, der ligner et CPR-nummer (%(n)s). Redigér det ud først.")
            % {"n": ", ".join(numbers)},
            field="published_text",
        )
    locked.state = Response.State.PUBLISHED
    locked.rejection_reason = ""
    locked.save()
    audit.record(
        audit.Action.MODERATED,
        actor=by,
        target=locked,
        details={"til": Response.State.PUBLISHED.value},
    )
    return locked


@transaction.atomic
def redact_response(response: Response, *, by, published_text: str) -> Response:
    locked = _moderate(response, by)
    locked.published_text = published_text.strip()
    if locked.state == Response.State.PUBLISHED and find_cpr_numbers(locked.public_text):
        raise NotPublishable(
            _("Den offentliggjorte tekst må ikke indeholde CPR-numre."), field="published_text"
        )
    locked.save()
    audit.record(audit.Action.MODERATED, actor=by, target=locked, details={"til": "redigeret"})
    return locked


@transaction.atomic
def reject_response(response: Response, *, by, reason: str) -> Response:
    if not reason.strip():
        raise NotPublishable(_("Skriv en begrundelse for afvisningen."), field="reason")
    locked = _moderate(response, by)
    locked.state = Response.State.REJECTED
    locked.rejection_reason = reason.strip()
    locked.save()
    audit.record(
        audit.Action.MODERATED,
        actor=by,
        target=locked,
        details={"til": Response.State.REJECTED.value},
    )
    return locked


def _note_writer(by) -> None:
    if not by.has_perm("hearings.change_note"):
        raise PermissionDenied


@transaction.atomic
def save_response_note(response: Response, *, by, summary: str, remark: str) -> Response:
    """Finance's resumé and bemærkning for one response in the høringsnotat. A resumé left
    as the draft is not stored, so it follows later redactions of the text."""
    _note_writer(by)
    locked = Response.objects.select_for_update().get(pk=response.pk)
    summary = summary.strip()
    locked.summary = "" if summary == locked.note_summary and not locked.summary else summary
    locked.remark = remark.strip()
    locked.save(update_fields=["summary", "remark"])
    audit.record(audit.Action.MODERATED, actor=by, target=locked, details={"til": "høringsnotat"})
    return locked


@transaction.atomic
def save_card_remark(hearing: Hearing, card: Proposal | None, *, by, text: str) -> NoteRemark:
    """Administrationens bemærkning to all responses about CARD (None: the general ones)."""
    _note_writer(by)
    if card is not None and not (
        hearing.cards.filter(pk=card.pk).exists() or hearing.responses.filter(cards=card).exists()
    ):
        raise PermissionDenied
    remark, _created = NoteRemark.objects.select_for_update().get_or_create(
        hearing=hearing, card=card
    )
    remark.text = text.strip()
    remark.updated_by = by
    remark.save()
    audit.record(
        audit.Action.MODERATED,
        actor=by,
        target=hearing,
        details={"til": "høringsnotat", "forslag": card.number if card else ""},
    )
    return remark
