"""A politician's party in the audit log: it decides what they may read and propose, so
giving or taking it is a role change (the audit app logs users and groups; this app owns
the membership, so it reports its own changes)."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from audit.context import current_user
from audit.log import Action, record
from politics.models import Membership


@receiver(post_save, sender=Membership, dispatch_uid="politics.audit_membership_saved")
def _membership_saved(sender, instance, **kwargs):
    record(
        Action.ROLE,
        actor=current_user.get(),
        target=instance.user,
        details={"parti": str(instance.party)},
    )


@receiver(post_delete, sender=Membership, dispatch_uid="politics.audit_membership_deleted")
def _membership_deleted(sender, instance, **kwargs):
    record(Action.ROLE, actor=current_user.get(), target=instance.user, details={"parti": None})
