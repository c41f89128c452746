"""A sender's personal data in hearing responses: retention, and a person's export and erasure.

What is personal here: name, organisation (often a one-person business or a named
association), e-mail, the text and its attachment (people write about themselves), and the
hashed connection used by the rate limit. Published responses keep what the sender consented
to show; their e-mail goes when the hearing's retention period ends.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from audit.log import Action, record, record_export_by
from budget_portal.models import OutboxMessage, Publication
from budget_portal.outbox import forget, held_for
from budget_portal.personal_data import Holder, holders
from hearings.models import Hearing, Response
from hearings.outputs import NOTE_PDF, RESPONSES_PDF
from hearings.services import receipt_subject


def _erase(response: Response, *, keep_published: bool) -> int:
    """Blank RESPONSE's personal data; returns how many attachment files were deleted."""
    files = 0
    published = response.state == Response.State.PUBLISHED
    if published and not keep_published:
        _drop_pdfs(response.hearing, RESPONSES_PDF)
    if response.attachment:
        response.attachment.delete(save=False)
        files = 1
    response.attachment_name = ""
    response.email = ""
    response.client_hash = ""
    if not (keep_published and published):
        # The høringsnotat quotes every response, published or not.
        _drop_pdfs(response.hearing, NOTE_PDF)
        response.name = response.organisation = ""
        response.text = response.published_text = ""
        # The høringsnotat's resumé retells the text.
        response.summary = ""
        if published:
            response.state = Response.State.REJECTED
            response.rejection_reason = _("Slettet efter anmodning fra afsenderen.")
    response.erased_at = timezone.now()
    response.save()
    return files


def _drop_pdfs(hearing: Hearing, kind: str) -> None:
    """Every made PDF of KIND about HEARING quoted the response being erased: the files go,
    and the next request makes one without it (an old file would stay at its address and be
    offered as "the latest finished edition")."""
    made = Publication.objects.filter(
        kind=kind, cycle_id=hearing.cycle_id, params__hearing=hearing.slug
    )
    for publication in made:
        if publication.file:
            publication.file.delete(save=False)
    made.delete()


def _drop_receipt_mails(response: Response) -> None:
    """The receipt copies of RESPONSE in the outbox (it quotes name, address and text).
    Receipts queued before mails named their response are found by address and subject."""
    forget(about=[response.mail_key])
    if response.email:
        legacy = OutboxMessage.objects.filter(
            about="", subject=receipt_subject(response.hearing)[:300]
        ).only("pk", "to")
        address = response.email.lower()
        OutboxMessage.objects.filter(
            pk__in=[m.pk for m in legacy if [a.lower() for a in m.to] == [address]]
        ).delete()


@dataclass(frozen=True)
class Erasure:
    """What one erasure removed, counted for the page and the audit log (no personal data);
    ELSEWHERE counts what the other apps' registered holders removed (subscriptions)."""

    responses: int = 0
    attachments: int = 0
    mails: int = 0
    elsewhere: tuple[tuple[Holder, int], ...] = ()

    def __str__(self) -> str:
        parts = [
            (ngettext("%(n)s høringssvar", "%(n)s høringssvar", self.responses), self.responses),
            (ngettext("%(n)s bilag", "%(n)s bilag", self.attachments), self.attachments),
            (ngettext("%(n)s mail", "%(n)s mails", self.mails), self.mails),
        ]
        named = [part % {"n": n} for part, n in parts if n]
        named += [holder.counted(n) for holder, n in self.elsewhere if n]
        if not named:
            return _("Der var ingen oplysninger om adressen at slette.")
        return _("%(what)s slettet.") % {"what": ", ".join(named)}

    def audit_details(self) -> dict[str, int]:
        return {
            "høringssvar": self.responses,
            "bilag": self.attachments,
            "mails": self.mails,
            **{holder.audit_key: n for holder, n in self.elsewhere},
        }


def responses_of(email: str):
    """Every response sent from an address, in all hearings (the address as typed, any case)."""
    return (
        Response.objects.filter(email__iexact=email.strip(), erased_at__isnull=True)
        .select_related("hearing")
        .prefetch_related("cards")
        .order_by("created_at")
    )


def export_for(email: str) -> dict:
    """What we hold about the sender of `email`: the answer to a request for access."""
    keys = [r.mail_key for r in responses_of(email)]
    return {
        "e-mail": email.strip(),
        "udleveret": timezone.now().isoformat(),
        **{holder.title: holder.export(email.strip()) for holder in holders()},
        "mails": [
            {
                "emne": m.subject,
                "oprettet": m.created_at.isoformat(),
                "sendt": m.sent_at.isoformat() if m.sent_at else None,
                "tekst": m.body,
            }
            for m in held_for(address=email, about=keys)
        ],
        "høringssvar": [
            {
                "høring": r.hearing.title,
                "nummer": r.number,
                "modtaget": r.created_at.isoformat(),
                "navn": r.name,
                "organisation": r.organisation,
                "e-mail": r.email,
                "tekst": r.text,
                "offentliggjort tekst": r.published_text,
                "samtykke til offentliggørelse": r.consent,
                "status": r.get_state_display(),
                "bilag": bool(r.attachment),
                "bilagets filnavn": r.attachment_name,
                "resumé i høringsnotatet": r.summary,
                "administrationens bemærkning": r.remark,
                "forslag": [c.number for c in r.cards.all()],
            }
            for r in responses_of(email)
        ],
    }


@transaction.atomic
def look_up(email: str, *, by) -> list[Response]:
    """A request for access, answered on screen: the sender's responses, and the lookup in
    the audit log."""
    record(Action.PERSONAL_DATA, actor=by, details={"opslag": True})
    return list(responses_of(email))


@transaction.atomic
def export(email: str, *, by, path: str) -> dict:
    """A request for access, answered as a file (export_for). The lookup and the export are
    logged together or not at all: a log that shows one without the other would misstate
    what left the portal."""
    record(Action.PERSONAL_DATA, actor=by, details={"opslag": True})
    record_export_by(by, "persondata (JSON)", path=path)
    return export_for(email)


@transaction.atomic
def erase_for(email: str, *, by) -> Erasure:
    """Right to erasure: every copy of the sender's personal data goes: their responses'
    personal fields and files, every mail to them or quoting them (sent or not, the outbox
    keeps sent mail for support), and their subscription to hearing news."""
    if not by.has_perm("hearings.handle_personal_data"):
        raise PermissionDenied
    responses = list(responses_of(email).select_for_update(of=("self",)))
    keys = [r.mail_key for r in responses]
    attachments = sum(_erase(response, keep_published=False) for response in responses)
    address = email.strip().lower()
    elsewhere = tuple((holder, holder.erase(address)) for holder in holders())
    mails = forget(address=address, about=keys)
    erasure = Erasure(len(responses), attachments, mails, elsewhere)
    record(Action.PERSONAL_DATA, actor=by, details=erasure.audit_details())
    return erasure


def apply_retention(now=None) -> int:
    """Delete personal data in responses to hearings whose retention period has ended."""
    now = now or timezone.now()
    due = [
        h.pk
        for h in Hearing.objects.only("pk", "closes_at", "retention_days")
        if h.closes_at + timedelta(days=h.retention_days) <= now
    ]
    pending = Response.objects.filter(hearing__in=due, erased_at__isnull=True)
    count = 0
    for pk in pending.values_list("pk", flat=True):
        with transaction.atomic():
            response = Response.objects.select_for_update().get(pk=pk)
            if response.erased_at is None:
                _drop_receipt_mails(response)
                _erase(response, keep_published=True)
                count += 1
    if count:
        record(Action.RETENTION, actor_name="system", details={"høringssvar": count})
    return count
