"""On a card page: what changed since this reader last opened the card."""

from __future__ import annotations

from django import template

from politics.models import Comment, last_seen
from proposals.revisions import compare

register = template.Library()


@register.inclusion_tag("politics/partials/_changes.html", takes_context=True)
def changes_since_seen(context, card):
    user = context["request"].user
    if not user.is_authenticated or not user.has_perm("politics.use_reading_room"):
        return {"rows": None}
    view = last_seen(user, [card]).get(card.pk)
    if view is None or view.version >= card.version:
        return {"rows": None, "first_visit": view is None}
    revisions = {
        r.number: r for r in card.revisions.filter(number__in=[view.version, card.version])
    }
    old, new = revisions.get(view.version), revisions.get(card.version)
    if old is None or new is None:
        return {"rows": None}
    return {
        "rows": [r for r in compare(old.snapshot, new.snapshot) if r.changed],
        "seen_at": view.at,
        "seen_version": view.version,
    }


def comments_context(request, card) -> dict:
    user = request.user
    allowed = user.is_authenticated and user.has_perm("politics.use_reading_room")
    comments = (
        Comment.objects.visible_to(user)
        .filter(proposal=card)
        .select_related("author")
        .prefetch_related("edits")
        if allowed
        else []
    )
    return {
        "card": card,
        "comments": comments,
        "allowed": allowed and card.is_public,
        "request": request,
        "user": user,
    }


@register.inclusion_tag("politics/partials/_comments.html", takes_context=True)
def card_comments(context, card):
    return comments_context(context["request"], card)
