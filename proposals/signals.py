"""Signals other apps listen to, so proposals never imports them."""

from django.dispatch import Signal

# Sent after a card page was rendered for a user: proposal, user.
card_viewed = Signal()
