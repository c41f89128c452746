"""Verbs on subscriptions: sign up (double opt-in), confirm, unsubscribe, announce a new
hearing to the confirmed subscribers, purge what has expired.

Links are signed copies of the subscription's random key: the confirm link with a timestamp
(it expires), the unsubscribe link without (it works as long as the subscription exists).
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from budget_portal.clients import client_hash
from budget_portal.outbox import Mail, queue_mail, queue_mails
from hearings.models import Hearing
from subscriptions.models import HearingAnnouncement, SignupAttempt, Subscription

LINK_LIFETIME = timedelta(days=7)
# A pending address asked again within this time gets no second mail: the first is on its way.
RESEND_AFTER = timedelta(minutes=15)
ATTEMPT_WINDOW = timedelta(hours=1)
_CONFIRM_SALT = "subscriptions.confirm"
_UNSUBSCRIBE_SALT = "subscriptions.unsubscribe"


class TooManySignups(Exception):
    pass


class BadLink(Exception):
    pass


# ---------------------------------------------------------------- links


def _absolute(name: str, token: str) -> str:
    return settings.SITE_URL + reverse(name, kwargs={"token": token})


def confirm_token(subscription: Subscription) -> str:
    return signing.TimestampSigner(salt=_CONFIRM_SALT).sign(subscription.key)


def unsubscribe_token(key: str) -> str:
    return signing.Signer(salt=_UNSUBSCRIBE_SALT).sign(key)


def confirm_url(subscription: Subscription) -> str:
    return _absolute("subscriptions:confirm", confirm_token(subscription))


def unsubscribe_url(key: str) -> str:
    return _absolute("subscriptions:unsubscribe", unsubscribe_token(key))


def unsubscribe_headers(url: str) -> dict[str, str]:
    """RFC 8058: mail programs show an "Afmeld" button that POSTs to the link."""
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def subscription_to_confirm(token: str) -> Subscription:
    """The subscription a confirm link names. BadLink (with the reason, in Danish) otherwise."""
    try:
        key = signing.TimestampSigner(salt=_CONFIRM_SALT).unsign(token, max_age=LINK_LIFETIME)
    except signing.SignatureExpired as exc:
        raise BadLink(
            _(
                "Linket er udløbet: det virker i %(days)s dage. Tilmeld dig igen, så sender vi "
                "et nyt."
            )
            % {"days": LINK_LIFETIME.days}
        ) from exc
    except signing.BadSignature as exc:
        raise BadLink(_linkbroken()) from exc
    subscription = Subscription.objects.filter(key=key).first()
    if subscription is None:
        raise BadLink(_("Tilmeldingen findes ikke længere. Tilmeld dig igen, så sender vi et nyt."))
    return subscription


def key_to_unsubscribe(token: str) -> str:
    try:
        return signing.Signer(salt=_UNSUBSCRIBE_SALT).unsign(token)
    except signing.BadSignature as exc:
        raise BadLink(_linkbroken()) from exc


def _linkbroken() -> str:
    return _("Linket er ugyldigt. Kopiér hele linket fra mailen, eller tilmeld dig igen.")


# ---------------------------------------------------------------- verbs


def subscribe(email: str, *, client_ip: str, now=None) -> None:
    """Ask for news of new hearings. The caller learns nothing about the address: a new or a
    pending one gets a confirm mail (a pending one at most every RESEND_AFTER), a confirmed
    one nothing. Refused (TooManySignups) past the hourly limit per connection."""
    now = now or timezone.now()
    ip_key = client_hash(client_ip)
    limit = settings.SUBSCRIPTION_SIGNUPS_PER_HOUR
    with transaction.atomic():
        recent = SignupAttempt.objects.filter(
            client_hash=ip_key, created_at__gte=now - ATTEMPT_WINDOW
        )
        if limit and recent.count() >= limit:
            raise TooManySignups(
                _(
                    "Der er sendt mange tilmeldinger fra din forbindelse den sidste time. "
                    "Prøv igen senere."
                )
            )
        SignupAttempt.objects.create(client_hash=ip_key, created_at=now)
        subscription, created = Subscription.objects.get_or_create(
            email=email.strip().lower(), defaults={"requested_at": now}
        )
        if subscription.is_confirmed:
            return
        if not created:
            if subscription.requested_at > now - RESEND_AFTER:
                return
            subscription.requested_at = now  # a new link: the address waits as long again
            subscription.save(update_fields=["requested_at"])
        _queue_confirmation(subscription)


def _queue_confirmation(subscription: Subscription) -> None:
    unsubscribe = unsubscribe_url(subscription.key)
    context = {
        "portal_name": settings.PORTAL_NAME,
        "confirm_url": confirm_url(subscription),
        "expires": subscription.requested_at + LINK_LIFETIME,
        "days": LINK_LIFETIME.days,
        "unsubscribe_url": unsubscribe,
    }
    queue_mail(
        [subscription.email],
        _("Bekræft, at du vil have besked om nye høringer"),
        render_to_string("subscriptions/email/confirm.txt", context),
        headers=unsubscribe_headers(unsubscribe),
    )


def confirm(subscription: Subscription, *, now=None) -> None:
    Subscription.objects.filter(pk=subscription.pk, confirmed_at__isnull=True).update(
        confirmed_at=now or timezone.now()
    )


def unsubscribe(key: str) -> None:
    """The address is forgotten: its row is deleted, confirmed or not."""
    Subscription.objects.filter(key=key).delete()


# Rendered once per hearing; each mail gets its reader's own unsubscribe link in this place.
_UNSUBSCRIBE_HERE = "\x00unsubscribe\x00"


def announce_hearing(hearing: Hearing, *, now=None) -> HearingAnnouncement | None:
    """Queue one mail per confirmed subscriber about HEARING, once in its life (recorded in
    HearingAnnouncement, which the unique hearing makes safe against two saves at once).
    A hearing that has already closed is not news and is not announced."""
    now = now or timezone.now()
    if hearing.closes_at <= now:
        return None
    with transaction.atomic():
        announcement, created = HearingAnnouncement.objects.get_or_create(
            hearing=hearing, defaults={"announced_at": now}
        )
        if not created:
            return None
        context = {
            "portal_name": settings.PORTAL_NAME,
            "hearing": hearing,
            "hearing_url": settings.SITE_URL + hearing.get_absolute_url(),
            "unsubscribe_url": _UNSUBSCRIBE_HERE,
        }
        body = render_to_string("subscriptions/email/new_hearing.txt", context)
        subject = _("Ny høring: %(title)s") % {"title": hearing.title}

        def mails():
            subscribers = Subscription.objects.confirmed().values_list("email", "key")
            for email, key in subscribers.iterator(chunk_size=2000):
                url = unsubscribe_url(key)
                yield Mail(
                    [email], subject, body.replace(_UNSUBSCRIBE_HERE, url), unsubscribe_headers(url)
                )

        announcement.recipients = queue_mails(mails())
        announcement.save(update_fields=["recipients"])
    return announcement


def purge_expired(*, now=None) -> tuple[int, int]:
    """Delete unconfirmed subscriptions whose link has expired, and sign-up attempts past the
    hourly window. Returns (subscriptions, attempts) deleted."""
    now = now or timezone.now()
    subscriptions, _ = Subscription.objects.pending_since_before(now - LINK_LIFETIME).delete()
    attempts, _ = SignupAttempt.objects.filter(created_at__lt=now - ATTEMPT_WINDOW).delete()
    return subscriptions, attempts
