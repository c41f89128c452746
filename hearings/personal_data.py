"""A sender's personal data in hearing responses: retention, and a person's export and erasure.

What is personal here: name, organisation (often a one-person business or a named
association), e-mail, the text and its attachment (people write about themselves), and the
hashed connection used by the rate limit. Published responses keep what the sender consented
to show; their e-mail goes when the hearing's retention period ends.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.log import Action, record
from budget_portal.models import OutboxMessage
from hearings.models import Hearing, Response
from subscriptions.models import Subscription


def _erase(response: Response, *, keep_published: bool) -> None:
    if response.attachment:
        response.attachment.delete(save=False)
    response.attachment_name = ""
    response.email = ""
    response.client_hash = ""
    if not (keep_published and response.state == Response.State.PUBLISHED):
        response.name = response.organisation = ""
        response.text = response.published_text = ""
        # The høringsnotat's resumé retells the text.
        response.summary = ""
        if response.state == Response.State.PUBLISHED:
            response.state = Response.State.REJECTED
            response.rejection_reason = _("Slettet efter anmodning fra afsenderen.")
    response.erased_at = timezone.now()
    response.save()


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
    return {
        "e-mail": email.strip(),
        "udleveret": timezone.now().isoformat(),
        "abonnement på nye høringer": [
            {
                "tilmeldt": s.requested_at.isoformat(),
                "bekræftet": s.confirmed_at.isoformat() if s.confirmed_at else None,
            }
            for s in Subscription.objects.filter(email__iexact=email.strip())
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
def erase_for(email: str, *, by) -> int:
    """Right to erasure: the sender's responses lose their personal data, published or not."""
    responses = list(responses_of(email).select_for_update(of=("self",)))
    for response in responses:
        _erase(response, keep_published=False)
    # The same person's subscription to hearing news, and mails to them not yet sent.
    address = email.strip().lower()
    Subscription.objects.filter(email__iexact=address).delete()
    unsent = OutboxMessage.objects.filter(sent_at__isnull=True).only("pk", "to")
    OutboxMessage.objects.filter(
        pk__in=[m.pk for m in unsent if [a.lower() for a in m.to] == [address]]
    ).delete()
    record(Action.PERSONAL_DATA, actor=by, details={"slettet": len(responses)})
    return len(responses)


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
                _erase(response, keep_published=True)
                count += 1
    if count:
        record(Action.RETENTION, actor_name="system", details={"høringssvar": count})
    return count
