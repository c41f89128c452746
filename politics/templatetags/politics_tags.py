"""On a card page: what changed since this reader last opened the card, the released answers
about it, and the comments."""

from __future__ import annotations

from django import template

from politics.card_answers import TEMPLATE, answers_by_card
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


def comments_context(request, card, *, form=None, edited=None) -> dict:
    """The comments section: each visible comment with, for its author, an edit form (the
    refused one of EDITED, a (comment id, bound form) pair, keeps its error and text), and
    the new comment's form (FORM when it was refused)."""
    from politics.forms import CommentForm

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
    edited_pk, edited_form = edited or (None, None)
    rows = [
        (
            c,
            edited_form
            if c.pk == edited_pk
            else CommentForm(initial={"text": c.text}, editing=True, auto_id=f"edit-{c.pk}-%s")
            if user.has_perm("politics.change_comment", c)
            else None,
        )
        for c in comments
    ]
    return {
        "card": card,
        "comments": rows,
        "edited_pk": edited_pk,
        "form": form or CommentForm(auto_id="new-comment-%s"),
        "allowed": allowed and user.has_perm("politics.comment_on", card),
        "request": request,
        "user": user,
    }


@register.inclusion_tag("politics/partials/_comments.html", takes_context=True)
def card_comments(context, card):
    return comments_context(context["request"], card)


@register.inclusion_tag(TEMPLATE, takes_context=True)
def card_answers(context, card):
    user = context["request"].user
    if not user.has_perm("politics.read_card_answers", card):
        return {"items": []}
    return {
        "items": answers_by_card([card]).get(card.pk, []),
        "card": card,
        "cycle": card.cycle,
        # The question pages are the reading room's: released ones are for its readers.
        "linked": user.has_perm("politics.use_reading_room"),
    }
