"""Cover letter pages: list, letter, editing with its parts, grants and their overview."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from budget_portal.concurrency import StaleEdit
from budget_portal.models import BudgetCycle
from budget_portal.publications import publication_redirect, request_publication
from budget_portal.uploads import serve_download
from letters.forms import AttachmentFormSet, GrantForm, LetterForm, SignatureFormSet, ThemeFormSet
from letters.models import CoverLetter, ExpiringGrant
from letters.overview import grant_overview
from letters.services import (
    release_letter,
    save_grant,
    save_letter,
    start_proposal_from_grant,
)


def _letter_for(request: HttpRequest, cycle_slug: str, pk: int, perm: str = "letters.view_letter"):
    letter = get_object_or_404(
        CoverLetter.objects.select_related("cycle", "department"), cycle__slug=cycle_slug, pk=pk
    )
    if not request.user.has_perm("letters.view_letter", letter):
        raise Http404
    if not request.user.has_perm(perm, letter):
        raise PermissionDenied
    return letter


@require_safe
def letter_list(request: HttpRequest, cycle_slug: str) -> HttpResponse:
    budget = get_object_or_404(BudgetCycle, slug=cycle_slug)
    letters = CoverLetter.objects.visible_to(request.user).filter(cycle=budget)
    return render(
        request,
        "letters/letter_list.html",
        {"cycle": budget, "letters": letters.select_related("department")},
    )


@require_safe
def letter_detail(request: HttpRequest, cycle_slug: str, pk: int) -> HttpResponse:
    letter = _letter_for(request, cycle_slug, pk)
    context = {
        "letter": letter,
        "cycle": letter.cycle,
        "can_edit": request.user.has_perm("letters.change_letter", letter),
        "can_release": request.user.has_perm("letters.release_letter", letter),
        "revisions": letter.revisions.select_related("author")[:10]
        if request.user.has_perm("letters.change_letter", letter)
        else [],
    }
    return render(request, "letters/letter_detail.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def letter_edit(request: HttpRequest, cycle_slug: str, pk: int) -> HttpResponse:
    letter = _letter_for(request, cycle_slug, pk, "letters.change_letter")
    data, files = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    form = LetterForm(data, instance=letter)
    formsets = {
        "themes": ThemeFormSet(data, instance=letter, prefix="themes"),
        "attachments": AttachmentFormSet(data, files, instance=letter, prefix="attachments"),
        "signatures": SignatureFormSet(data, instance=letter, prefix="signatures"),
    }
    if (
        request.method == "POST"
        and form.is_valid()
        and all(f.is_valid() for f in formsets.values())
    ):
        try:
            revision = save_letter(
                letter,
                by=request.user,
                based_on_version=form.cleaned_data["version"],
                parts=[form, *formsets.values()],
            )
        except StaleEdit as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Brevet er gemt.") if revision else _("Ingen ændringer."))
            return redirect(letter)
    return render(
        request,
        "letters/letter_form.html",
        {"letter": letter, "cycle": letter.cycle, "form": form, **formsets},
    )


@require_POST
@login_required
def letter_release(request: HttpRequest, cycle_slug: str, pk: int) -> HttpResponse:
    letter = _letter_for(request, cycle_slug, pk, "letters.release_letter")
    release_letter(letter, by=request.user)
    messages.success(request, _("Brevet er frigivet."))
    return redirect(letter)


@require_http_methods(["GET", "POST"])
@login_required
def grant_edit(request: HttpRequest, cycle_slug: str, pk: int, grant_pk: int | None = None):
    letter = _letter_for(request, cycle_slug, pk, "letters.change_letter")
    grant = get_object_or_404(ExpiringGrant, pk=grant_pk, letter=letter) if grant_pk else None
    form = GrantForm(
        request.POST or None, instance=grant or ExpiringGrant(letter=letter), cycle=letter.cycle
    )
    if request.method == "POST" and form.is_valid():
        grant = form.save(commit=False)
        grant.decision_amount = form.cleaned_data["decision_amount"]
        save_grant(grant, by=request.user, missing=form.missing())
        messages.success(request, _("Bevillingen er gemt."))
        return redirect(letter)
    context = {"letter": letter, "cycle": letter.cycle, "form": form, "grant": grant}
    return render(request, "letters/grant_form.html", context)


@require_safe
@login_required
def grants_overview(request: HttpRequest, cycle_slug: str) -> HttpResponse:
    budget = get_object_or_404(BudgetCycle, slug=cycle_slug)
    if not request.user.has_perm("letters.view_grant_overview"):
        raise PermissionDenied
    return render(
        request,
        "letters/grants_overview.html",
        {"cycle": budget, "overview": grant_overview(budget)},
    )


@require_POST
@login_required
def grant_to_proposal(request: HttpRequest, cycle_slug: str, grant_pk: int) -> HttpResponse:
    if not request.user.has_perm("letters.view_grant_overview"):
        raise PermissionDenied
    grant = get_object_or_404(
        ExpiringGrant.objects.select_related("letter__cycle"),
        pk=grant_pk,
        letter__cycle__slug=cycle_slug,
    )
    if grant.proposal_id:
        return redirect(grant.proposal)
    card = start_proposal_from_grant(grant, by=request.user)
    messages.success(
        request, _("Forslag %(n)s er oprettet som kladde ud fra bevillingen.") % {"n": card.number}
    )
    return redirect("proposals:edit", cycle_slug=cycle_slug, number=card.number)


@require_safe
def letter_pdf(request: HttpRequest, cycle_slug: str, pk: int) -> HttpResponse:
    letter = _letter_for(request, cycle_slug, pk)
    publication = request_publication("letter", letter.cycle, {"letter": letter.pk})
    return publication_redirect(publication)


@require_safe
def attachment(request: HttpRequest, cycle_slug: str, pk: int, attachment_pk: int) -> HttpResponse:
    """An uploaded attachment, for whoever may read the letter (a draft's: only its writers)."""
    letter = _letter_for(request, cycle_slug, pk)
    item = get_object_or_404(letter.attachments.exclude(file=""), pk=attachment_pk)
    name = f"{slugify(item.title)[:80] or 'bilag'}.pdf"
    return serve_download(item.file, name, public=letter.is_released)
