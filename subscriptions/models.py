"""E-mail subscriptions to new hearings (double opt-in), and what has been announced.

What is stored, and for how long (for the privacy page):

- Subscription: the e-mail address, a random key (its links are signed copies of it), when
  the subscription was asked for and when it was confirmed. An unconfirmed address is
  deleted within the hour after its link expires (7 days; `purge_subscriptions` runs hourly);
  a confirmed one is kept until the owner unsubscribes, and then the row is deleted at once.
- SignupAttempt: a keyed hash of the connection that sent the form (never the IP address
  itself) and the time, to limit sign-ups per connection per hour; deleted when more than an
  hour old by the same hourly `purge_subscriptions`.
- HearingAnnouncement: that a hearing was announced, when, and to how many (no addresses).
- The mails themselves wait in the outbox (budget_portal.OutboxMessage) until sent.
"""

from __future__ import annotations

import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hearings.models import Hearing


def new_key() -> str:
    return secrets.token_urlsafe(24)


class SubscriptionQuerySet(models.QuerySet):
    def confirmed(self) -> SubscriptionQuerySet:
        return self.filter(confirmed_at__isnull=False)

    def pending_since_before(self, moment) -> SubscriptionQuerySet:
        return self.filter(confirmed_at__isnull=True, requested_at__lt=moment)


class Subscription(models.Model):
    """An address that wants a mail about each new hearing; pending until its owner confirms."""

    email = models.EmailField(_("e-mail"), max_length=254, unique=True)
    key = models.CharField(_("nøgle"), max_length=32, unique=True, default=new_key, editable=False)
    requested_at = models.DateTimeField(_("tilmeldt"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("bekræftet"), null=True, blank=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("abonnement")
        verbose_name_plural = _("abonnementer")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.email

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class SignupAttempt(models.Model):
    client_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("tilmeldingsforsøg")
        verbose_name_plural = _("tilmeldingsforsøg")
        indexes = [models.Index(fields=["client_hash", "created_at"])]

    def __str__(self) -> str:
        return f"{self.client_hash[:8]} {self.created_at:%Y-%m-%d %H:%M}"


class HearingAnnouncement(models.Model):
    """A hearing's mail to the subscribers went out (was queued); never twice."""

    hearing = models.OneToOneField(
        Hearing, on_delete=models.CASCADE, related_name="announcement", verbose_name=_("høring")
    )
    announced_at = models.DateTimeField(_("udsendt"), default=timezone.now)
    recipients = models.PositiveIntegerField(_("modtagere"), default=0)

    class Meta:
        verbose_name = _("udsendelse om høring")
        verbose_name_plural = _("udsendelser om høringer")

    def __str__(self) -> str:
        return str(self.hearing)
