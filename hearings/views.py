"""Hearing pages: the public list and page with the response form, and staff moderation."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from audit.log import record_export
from budget_portal import citizen
from budget_portal.clients import client_ip
from budget_portal.htmx import page_or_partial
from budget_portal.personal_data import find_cpr_numbers, mask_cpr_numbers
from budget_portal.publications import publication_redirect, request_publication
from budget_portal.uploads import serve_download
from hearings.forms import (
    MAX_RESPONSE_CHARS,
    CardRemarkForm,
    EraseForm,
    PersonLookupForm,
    PublishConfirmForm,
    PublishForm,
    RejectForm,
    ResponseForm,
    ResponseNoteForm,
    cpr_warning_text,
)

# The model is Response; here, beside HTTP responses, it goes by a name that says which.
from hearings.models import Hearing, HearingDocument
from hearings.models import Response as HearingResponse
from hearings.outputs import NOTE_PDF, note_group, note_groups
from hearings.personal_data import erase_for, export, look_up, responses_of
from hearings.services import (
    HearingClosed,
    NotPublishable,
    Submission,
    TooManyResponses,
    publish_response,
    redact_response,
    reject_response,
    save_card_remark,
    save_response_note,
    submit_response,
)


@require_safe
def hearing_list(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    by_state: dict[str, list[Hearing]] = {state: [] for state in Hearing.State}
    for hearing in Hearing.objects.select_related("cycle"):
        by_state[hearing.state(now)].append(hearing)
    return render(
        request,
        "hearings/hearing_list.html",
        {
            "open": by_state[Hearing.State.OPEN],
            "coming": by_state[Hearing.State.UPCOMING],
            "closed": by_state[Hearing.State.CLOSED],
        },
    )


@require_http_methods(["GET", "POST"])
def hearing_detail(request: HttpRequest, slug: str) -> HttpResponse:
    hearing = get_object_or_404(Hearing.objects.select_related("cycle", "milestone"), slug=slug)
    now = timezone.now()
    form = None
    closed_message = ""
    verified_name = citizen.verified_name(request) if hearing.requires_mitid else None
    needs_mitid = hearing.requires_mitid and not verified_name
    if needs_mitid and request.method == "POST":
        return render(request, "hearings/mitid_needed.html", {"hearing": hearing}, status=403)
    if (request.method == "POST" or hearing.is_open(now)) and not needs_mitid:
        # From a card's page (?forslag=R101): that card is ticked already. (A POST brings
        # its own choice: no query for what it would have started with.)
        number = request.GET.get("forslag", "") if request.method == "GET" else ""
        chosen = hearing.cards.public().filter(number=number) if number else []
        form = ResponseForm(
            request.POST or None,
            request.FILES or None,
            hearing=hearing,
            initial={"cards": list(chosen)},
            verified_name=verified_name,
        )
    if request.method == "POST" and form.is_valid():
        if form.is_spam:
            return redirect("hearings:thanks", slug=hearing.slug)
        data = form.cleaned_data
        submission = Submission(
            name=data["name"],
            organisation=data["organisation"],
            email=data["email"],
            text=data["text"],
            consent=data["consent"],
            cards=list(data.get("cards") or []),
            attachment=data.get("attachment"),
            submission_key=data["submission_key"],
            name_verified=bool(verified_name),
        )
        try:
            hearing_response, _created = submit_response(
                hearing, submission, client_ip=client_ip(request)
            )
        except HearingClosed as exc:
            closed_message = str(exc)
            form = None
        except TooManyResponses as exc:
            form.add_error(None, str(exc))
        else:
            citizen.forget(request)
            return redirect("hearings:receipt", slug=hearing.slug, receipt=hearing_response.receipt)
    context = {
        "hearing": hearing,
        "cycle": hearing.cycle,
        "state": hearing.state(now),
        "states": Hearing.State,
        "form": form,
        "closed_message": closed_message,
        "needs_mitid": needs_mitid and hearing.is_open(now),
        "mitid_ready": settings.OIDC_CITIZEN is not None,
        "cards": hearing.cards.public().select_related("committee", "cycle"),
        "documents": hearing.documents.all(),
        "responses": hearing.responses.published().prefetch_related("cards"),
        "can_moderate": request.user.has_perm("hearings.moderate_responses"),
    }
    return render(request, "hearings/hearing_detail.html", context, status=200)


@require_POST
def check_text(request: HttpRequest, slug: str) -> HttpResponse:
    """The CPR warning while the sender writes (htmx, on leaving the text field)."""
    get_object_or_404(Hearing, slug=slug)
    warning = bool(find_cpr_numbers(request.POST.get("text", "")[:MAX_RESPONSE_CHARS]))
    return render(
        request,
        "hearings/partials/_cpr_warning.html",
        {"warning": warning, "message": cpr_warning_text() if warning else ""},
    )


@require_safe
def receipt(request: HttpRequest, slug: str, receipt: str) -> HttpResponse:
    hearing_response = get_object_or_404(
        HearingResponse.objects.select_related("hearing"), hearing__slug=slug, receipt=receipt
    )
    # The receipt's address travels in a mail: the page, like the mail, masks CPR numbers.
    context = {
        "response": hearing_response,
        "hearing": hearing_response.hearing,
        "text": mask_cpr_numbers(hearing_response.text),
        "attachment_name": mask_cpr_numbers(hearing_response.attachment_name),
        "cards": hearing_response.cards.order_by("number"),
    }
    page = render(request, "hearings/receipt.html", context)
    page["Cache-Control"] = "private, no-store"
    page["Referrer-Policy"] = "no-referrer"
    return page


@require_safe
def thanks(request: HttpRequest, slug: str) -> HttpResponse:
    hearing = get_object_or_404(Hearing, slug=slug)
    return render(request, "hearings/thanks.html", {"hearing": hearing})


@require_safe
def document(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    doc = get_object_or_404(HearingDocument, hearing__slug=slug, pk=pk)
    return serve_download(doc.file, f"{doc.title[:80]}.pdf", public=True)


# ---------------------------------------------------------------- staff


def _moderated_hearing(request: HttpRequest, slug: str) -> Hearing:
    if not request.user.has_perm("hearings.moderate_responses"):
        raise PermissionDenied
    return get_object_or_404(Hearing, slug=slug)


@require_safe
@login_required
def moderation(request: HttpRequest, slug: str) -> HttpResponse:
    return _moderation_page(request, _moderated_hearing(request, slug))


def _moderation_page(request, hearing: Hearing, refused=None, status: int = 200) -> HttpResponse:
    """The moderation list; REFUSED (response, form) shows that item's form with its errors
    at the fields and the text as posted."""
    state = request.GET.get("status", "")
    responses = hearing.responses.prefetch_related("cards").order_by("number")
    if state in HearingResponse.State.values:
        responses = responses.filter(state=state)
    return render(
        request,
        "hearings/moderation.html",
        {
            "hearing": hearing,
            "cycle": hearing.cycle,
            "responses": responses,
            "state": state,
            "states": HearingResponse.State.choices,
            "refused_pk": refused[0].pk if refused else None,
            "refused_form": refused[1] if refused else None,
        },
        status=status,
    )


MODERATION_FORMS = {
    "offentliggoer": PublishConfirmForm,
    "rediger": PublishForm,
    "afvis": RejectForm,
}


def _moderate(
    action: str, hearing_response: HearingResponse, data: dict, request: HttpRequest
) -> HearingResponse:
    if action == "rediger":
        return redact_response(
            hearing_response, by=request.user, published_text=data["published_text"]
        )
    if action == "offentliggoer":
        # Without the field (a plain publish button) the stored redaction stands.
        keep = "published_text" not in request.POST
        text = None if keep else data["published_text"]
        return publish_response(hearing_response, by=request.user, published_text=text)
    return reject_response(hearing_response, by=request.user, reason=data["reason"])


@require_POST
@login_required
def moderate(request: HttpRequest, slug: str, pk: int, action: str) -> HttpResponse:
    hearing = _moderated_hearing(request, slug)
    hearing_response = get_object_or_404(HearingResponse, hearing=hearing, pk=pk)
    if action not in MODERATION_FORMS:
        raise PermissionDenied
    form = MODERATION_FORMS[action](request.POST)
    if form.is_valid():
        try:
            hearing_response = _moderate(action, hearing_response, form.cleaned_data, request)
        except NotPublishable as exc:
            form.add_error(exc.field, str(exc))
            hearing_response.refresh_from_db()
    if request.htmx:
        # 200 also when refused: htmx swaps only a successful answer into the item.
        context = {"hearing": hearing, "r": hearing_response, "form": form if form.errors else None}
        return render(request, "hearings/partials/_moderation_item.html", context)
    if form.errors:
        return _moderation_page(request, hearing, refused=(hearing_response, form), status=400)
    messages.success(
        request,
        _("Svar nr. %(n)s: %(s)s.")
        % {"n": hearing_response.number, "s": hearing_response.get_state_display()},
    )
    return redirect("hearings:moderation", slug=hearing.slug)


@require_safe
@login_required
def attachment(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    hearing = _moderated_hearing(request, slug)
    hearing_response = get_object_or_404(HearingResponse, hearing=hearing, pk=pk)
    if not hearing_response.attachment:
        raise PermissionDenied
    record_export(request, "bilag til høringssvar", hearing_response)
    return serve_download(
        hearing_response.attachment, f"hoeringssvar-{hearing_response.number}.pdf"
    )


@require_safe
def responses_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    hearing = get_object_or_404(Hearing, slug=slug)
    publication = request_publication("hearing_responses", hearing.cycle, {"hearing": hearing.slug})
    return publication_redirect(publication)


def _note_hearing(request: HttpRequest, slug: str, perm: str = "hearings.view_note") -> Hearing:
    if not request.user.has_perm(perm):
        raise PermissionDenied
    return get_object_or_404(Hearing.objects.select_related("cycle"), slug=slug)


def _render_note(request: HttpRequest, hearing: Hearing, **editing) -> HttpResponse:
    """The note page, or its #note fragment for htmx; EDITING opens one editor in it:
    response_form + edit_response + edit_group, or remark_form + edit_remark."""
    context = {"hearing": hearing, "cycle": hearing.cycle, "groups": note_groups(hearing)}
    context.update(editing)
    template = page_or_partial(request, "hearings/hearing_note.html", "note")
    return render(request, template, context)


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


@require_safe
@login_required
def hearing_note(request: HttpRequest, slug: str) -> HttpResponse:
    """The høringsnotat: every response under the cards it concerns, with resumé and
    administrationens bemærkning. ?svar=<pk>&gruppe=<key> opens a response's editor,
    ?bemaerkning=<key> a group's, as plain links (htmx swaps only the note)."""
    hearing = _note_hearing(request, slug)
    editing = {}
    pk, group = _int(request.GET.get("svar")), request.GET.get("gruppe", "")
    if pk and request.user.has_perm("hearings.change_note"):
        hearing_response = get_object_or_404(HearingResponse, hearing=hearing, pk=pk)
        editing = {
            "response_form": ResponseNoteForm(
                initial={
                    "summary": hearing_response.note_summary,
                    "remark": hearing_response.remark,
                }
            ),
            "edit_response": pk,
            "edit_group": group,
        }
    elif request.GET.get("bemaerkning") and request.user.has_perm("hearings.change_note"):
        key = request.GET["bemaerkning"]
        found = note_group(hearing, key)
        if found is None:
            raise Http404
        editing = {
            "remark_form": CardRemarkForm(initial={"text": found.remark}),
            "edit_remark": key,
        }
    return _render_note(request, hearing, **editing)


def _back_to_note(request: HttpRequest, hearing: Hearing, anchor: str) -> HttpResponse:
    if request.htmx:
        return _render_note(request, hearing)
    messages.success(request, _("Høringsnotatet er gemt."))
    return redirect(reverse("hearings:note", kwargs={"slug": hearing.slug}) + f"#{anchor}")


@require_POST
@login_required
def edit_note_response(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    hearing = _note_hearing(request, slug, "hearings.change_note")
    hearing_response = get_object_or_404(HearingResponse.objects.in_note(), hearing=hearing, pk=pk)
    # The group the editor was opened in (a response shows under each of its cards).
    keys = [g.key for g in note_groups(hearing) if hearing_response in g.responses]
    group = request.POST.get("gruppe", "")
    group = group if group in keys else (keys[0] if keys else "")
    form = ResponseNoteForm(request.POST)
    if form.is_valid():
        save_response_note(hearing_response, by=request.user, **form.cleaned_data)
        return _back_to_note(request, hearing, f"note-{group}-{pk}")
    return _render_note(request, hearing, response_form=form, edit_response=pk, edit_group=group)


@require_POST
@login_required
def edit_note_remark(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    hearing = _note_hearing(request, slug, "hearings.change_note")
    found = note_group(hearing, key)
    if found is None:
        raise Http404
    form = CardRemarkForm(request.POST)
    if form.is_valid():
        save_card_remark(hearing, found.card, by=request.user, text=form.cleaned_data["text"])
        return _back_to_note(request, hearing, f"gruppe-{key}")
    return _render_note(request, hearing, remark_form=form, edit_remark=key)


@require_safe
@login_required
def note_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    hearing = _note_hearing(request, slug)
    record_export(request, "høringsnotat (PDF)", hearing)
    publication = request_publication(NOTE_PDF, hearing.cycle, {"hearing": hearing.slug})
    return publication_redirect(publication)


@require_safe
@login_required
def note_docx(request: HttpRequest, slug: str) -> HttpResponse:
    """The høringsnotat as Word, for the same readers as the PDF."""
    from budget_portal.word import docx_response
    from hearings.word import note_docx as render

    hearing = _note_hearing(request, slug)
    record_export(request, "høringsnotat (Word)", hearing)
    return docx_response(render(hearing), f"hoeringsnotat-{hearing.slug}.docx", public=False)


@require_safe
@login_required
def responses_xlsx(request: HttpRequest, slug: str) -> HttpResponse:
    hearing = _moderated_hearing(request, slug)
    from hearings.outputs import responses_workbook

    record_export(request, "høringssvar (Excel)", hearing)
    out = HttpResponse(
        responses_workbook(hearing),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    out["Content-Disposition"] = f'attachment; filename="hoeringssvar-{hearing.slug}.xlsx"'
    out["Cache-Control"] = "private, no-store"
    return out


def _personal_data_handler(request: HttpRequest) -> None:
    if not request.user.has_perm("hearings.handle_personal_data"):
        raise PermissionDenied


@require_safe
@login_required
def personal_data(request: HttpRequest) -> HttpResponse:
    """A person's request for access: their responses in every hearing, on screen or as JSON."""
    _personal_data_handler(request)
    form = PersonLookupForm(request.GET or None)
    found = []
    if form.is_valid():
        email = form.cleaned_data["email"]
        if request.GET.get("format") == "json":
            data = export(email, by=request.user, path=request.path)
            out = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
            out["Content-Disposition"] = 'attachment; filename="hoeringssvar-persondata.json"'
            return out
        found = look_up(email, by=request.user)
    return render(
        request,
        "hearings/personal_data.html",
        {"form": form, "found": found, "erase_form": EraseForm(initial=form.data or None)},
    )


@require_POST
@login_required
def erase_personal_data(request: HttpRequest) -> HttpResponse:
    _personal_data_handler(request)
    form = EraseForm(request.POST)
    if not form.is_valid():
        email = request.POST.get("email", "")
        found = list(responses_of(email)) if PersonLookupForm({"email": email}).is_valid() else []
        context = {"form": PersonLookupForm({"email": email}), "found": found, "erase_form": form}
        return render(request, "hearings/personal_data.html", context, status=400)
    erasure = erase_for(form.cleaned_data["email"], by=request.user)
    messages.success(request, str(erasure))
    return redirect("hearings:personal_data")
