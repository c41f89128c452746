"""Comments on a card's page: add one, edit one's own. With htmx the comments section is
swapped in place; without JavaScript a refused comment gets a page of its own, so the error
stands at the field with the typed text kept."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from politics.comments import add_comment, edit_comment
from politics.forms import CommentForm
from politics.models import Comment
from politics.templatetags.politics_tags import comments_context
from proposals.models import Proposal


def _refused(request: HttpRequest, card: Proposal, **forms) -> HttpResponse:
    context = comments_context(request, card, **forms)
    if request.htmx:
        return render(request, "politics/partials/_comments.html", context)
    return render(request, "politics/comment_form.html", context)


def _done(request: HttpRequest, card: Proposal) -> HttpResponse:
    if request.htmx:
        return render(request, "politics/partials/_comments.html", comments_context(request, card))
    return redirect(card)


@require_POST
@login_required
def comment_add(request: HttpRequest, card_pk: int) -> HttpResponse:
    card = get_object_or_404(Proposal.objects.public(), pk=card_pk)
    if not request.user.has_perm("politics.comment_on", card):
        raise PermissionDenied
    form = CommentForm(request.POST, auto_id="new-comment-%s")
    if not form.is_valid():
        return _refused(request, card, form=form)
    data = form.cleaned_data
    add_comment(card, by=request.user, text=data["text"], private=data["private"])
    return _done(request, card)


@require_POST
@login_required
def comment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    comment = get_object_or_404(Comment.objects.visible_to(request.user), pk=pk)
    if not request.user.has_perm("politics.change_comment", comment):
        raise PermissionDenied
    form = CommentForm(request.POST, editing=True, auto_id=f"edit-{comment.pk}-%s")
    if not form.is_valid():
        return _refused(request, comment.proposal, edited=(comment.pk, form))
    edit_comment(comment, by=request.user, text=form.cleaned_data["text"])
    return _done(request, comment.proposal)
