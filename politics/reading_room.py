"""Verbs of the reading room: remembering which version of a card a reader has seen."""

from __future__ import annotations

from politics.models import CardView
from proposals.models import Proposal


def mark_seen(user, proposal: Proposal) -> None:
    if user.is_authenticated:
        CardView.objects.update_or_create(
            user=user, proposal=proposal, defaults={"seen_version": proposal.version}
        )
