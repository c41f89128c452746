"""A subscriber's personal data (their address, when they signed up and confirmed): its part of
a person's export and erasure, registered with budget_portal.personal_data."""

from __future__ import annotations

from django.utils.translation import ngettext

from budget_portal.personal_data import Holder
from subscriptions.models import Subscription


def _export(email: str) -> list[dict]:
    return [
        {
            "tilmeldt": s.requested_at.isoformat(),
            "bekræftet": s.confirmed_at.isoformat() if s.confirmed_at else None,
        }
        for s in Subscription.objects.filter(email__iexact=email)
    ]


def _erase(email: str) -> int:
    removed = Subscription.objects.filter(email__iexact=email).delete()[1]
    return removed.get(Subscription._meta.label, 0)


def _counted(n: int) -> str:
    return ngettext("%(n)s abonnement", "%(n)s abonnementer", n) % {"n": n}


SUBSCRIPTIONS = Holder(
    title="abonnement på nye høringer",
    audit_key="abonnementer",
    export=_export,
    erase=_erase,
    counted=_counted,
)
