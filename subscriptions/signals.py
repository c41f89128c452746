"""A hearing saved by finance (in the admin) is announced to the subscribers, once."""

from __future__ import annotations

from django.db.models.signals import post_save
from django.dispatch import receiver

from hearings.models import Hearing
from subscriptions.services import announce_hearing


@receiver(post_save, sender=Hearing, dispatch_uid="subscriptions.announce_hearing")
def announce_saved_hearing(sender, instance: Hearing, raw: bool = False, **kwargs) -> None:
    if raw:  # loaddata: a hearing restored from a fixture is not news
        return
    announce_hearing(instance)
