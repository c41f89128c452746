"""Listening to the card pages: a reader of the reading room has now seen this version."""

from __future__ import annotations

from politics.reading_room import mark_seen


def remember_card_view(sender, *, proposal, user, **kwargs) -> None:
    if user.is_authenticated and user.has_perm("politics.use_reading_room"):
        mark_seen(user, proposal)
