"""Verbs of comments on cards: politicians' and finance's remarks, and private notes."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction

from politics.models import Comment, CommentEdit
from proposals.models import Proposal


@transaction.atomic
def add_comment(proposal: Proposal, *, by, text: str, private: bool) -> Comment:
    if not by.has_perm("politics.comment_on", proposal):
        raise PermissionDenied
    return Comment.objects.create(proposal=proposal, author=by, text=text.strip(), private=private)


@transaction.atomic
def edit_comment(comment: Comment, *, by, text: str) -> Comment:
    """An edit keeps the old text as history (CommentEdit) beside the new one."""
    if not by.has_perm("politics.change_comment", comment):
        raise PermissionDenied
    if comment.text != text.strip():
        CommentEdit.objects.create(comment=comment, text=comment.text)
        comment.text = text.strip()
        comment.save(update_fields=["text", "updated_at"])
    return comment
