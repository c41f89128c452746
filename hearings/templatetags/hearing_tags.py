"""Template tags to show hearing material on pages of other apps (a card's responses)."""

from __future__ import annotations

from django import template
from django.utils import timezone

from hearings.models import Hearing, Response

register = template.Library()


@register.inclusion_tag("hearings/partials/_card_responses.html")
def published_responses_for(card):
    responses = Response.objects.published().filter(cards=card).select_related("hearing")
    return {"responses": responses.prefetch_related("cards")}


@register.inclusion_tag("hearings/partials/_card_respond.html")
def respond_link_for(card):
    """A public card under an open hearing invites a response about it."""
    hearings = []
    if card.is_public:
        hearings = list(Hearing.objects.open_at(timezone.now()).filter(cards=card))
    return {"card": card, "hearings": hearings}
