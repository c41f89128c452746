"""Template tags to show hearing material on pages of other apps (a card's responses)."""

from __future__ import annotations

from django import template

from hearings.models import Response

register = template.Library()


@register.inclusion_tag("hearings/partials/_card_responses.html")
def published_responses_for(card):
    responses = Response.objects.published().filter(cards=card).select_related("hearing")
    return {"responses": responses.prefetch_related("cards")}
