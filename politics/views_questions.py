"""Budget question pages: ask, the overview with filters, one question, the publication."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from audit.log import record_export
from budget_portal.dates import parse_danish_date
from budget_portal.excel import SheetSpec, write_workbook
from budget_portal.htmx import page_or_partial
from budget_portal.models import BudgetCycle, Department
from budget_portal.publications import publication_redirect, request_publication
from politics.forms import AnswerForm, QuestionForm, first_error
from politics.models import Question, QuestionState
from politics.questions import answer_question, ask_question, assign_question, release_question
from proposals.models import Proposal


def _question(request: HttpRequest, cycle: str, number: int) -> Question:
    question = (
        Question.objects.visible_to(request.user)
        .select_related("cycle", "asked_by", "party", "department", "proposal")
        .filter(cycle__slug=cycle, number=number)
        .first()
    )
    if question is None:
        raise Http404
    return question


@require_http_methods(["GET", "POST"])
@login_required
def question_list(request: HttpRequest, cycle: str) -> HttpResponse:
    budget = get_object_or_404(BudgetCycle, slug=cycle)
    error = ""
    if request.method == "POST":
        if not request.user.has_perm("politics.ask_question"):
            raise PermissionDenied
        form = QuestionForm(request.POST, cards=Proposal.objects.public().filter(cycle=budget))
        error = first_error(form)
        if form.is_valid():
            data = form.cleaned_data
            question = ask_question(
                budget, by=request.user, text=data["text"], proposal=data["proposal"]
            )
            messages.success(
                request, _("Dit spørgsmål er stillet som spørgsmål %(n)s.") % {"n": question.number}
            )
            return redirect(question)
    questions = Question.objects.visible_to(request.user).filter(cycle=budget)
    questions = questions.with_state_for(request.user)
    sees_drafts = (
        request.user.has_perm("politics.assign_question")
        or budget.departments.filter(editors=request.user).exists()
    )
    states = [
        (v, label)
        for v, label in QuestionState.choices
        if sees_drafts or v != QuestionState.ANSWERED
    ]
    state = request.GET.get("status", "")
    if state in dict(states):
        questions = questions.filter(shown_state=state)
    if request.GET.get("afdeling", "").isdigit():
        questions = questions.filter(department_id=int(request.GET["afdeling"]))
    today = timezone.localdate()
    questions = questions.with_overdue(today)
    if request.GET.get("overskredet") == "1":
        questions = questions.overdue(today)
    context = {
        "cycle": budget,
        "questions": questions.select_related("asked_by", "party", "department", "proposal"),
        "states": states,
        "state": state,
        "departments": budget.departments.all(),
        "today": today,
        "can_ask": request.user.has_perm("politics.ask_question"),
        "cards": Proposal.objects.public().filter(cycle=budget),
        "error": error,
        "text": request.POST.get("text", "").replace("\x00", ""),
    }
    return render(request, "politics/question_list.html", context)


def _detail_context(request: HttpRequest, question: Question, **extra) -> dict:
    return {
        "cycle": question.cycle,
        "question": question,
        "answer": question.visible_answer_for(request.user),
        "state_label": question.state_label_for(request.user),
        "answer_is_draft": question.state != QuestionState.RELEASED,
        "can_assign": request.user.has_perm("politics.assign_question")
        and question.state != QuestionState.RELEASED,
        "can_answer": request.user.has_perm("politics.answer_question", question),
        "can_release": request.user.has_perm("politics.release_question")
        and question.state == QuestionState.ANSWERED,
        "departments": question.cycle.departments.all(),
        "today": timezone.localdate(),
        **extra,
    }


@require_safe
@login_required
def question_detail(request: HttpRequest, cycle: str, number: int) -> HttpResponse:
    question = _question(request, cycle, number)
    return render(request, "politics/question_detail.html", _detail_context(request, question))


@require_POST
@login_required
def question_action(request: HttpRequest, cycle: str, number: int, action: str) -> HttpResponse:
    question = _question(request, cycle, number)
    if action == "fordel":
        department_pk = request.POST.get("department", "")
        department = get_object_or_404(
            Department,
            cycle=question.cycle,
            pk=int(department_pk) if department_pk.isdigit() else 0,
        )
        try:
            deadline = parse_danish_date(request.POST.get("deadline", ""))
        except Exception:  # noqa: BLE001 - the message is the same for every bad date
            deadline = None
        if deadline is None:
            messages.error(request, _("Skriv en svarfrist, fx 01.10.2026."))
            return redirect(question)
        assign_question(question, by=request.user, department=department, deadline=deadline)
        messages.success(request, _("Spørgsmålet er fordelt til %(d)s.") % {"d": department.name})
    elif action == "besvar":
        form = AnswerForm(request.POST)
        if not form.is_valid():
            messages.error(request, first_error(form))
            return redirect(question)
        answer_question(question, by=request.user, answer=form.cleaned_data["answer"])
        messages.success(request, _("Svaret er gemt som kladde."))
    elif action == "frigiv":
        if request.POST.get("confirm") != "1":
            # Release cannot be undone: a second step asks first, as a page without
            # JavaScript and as the #release fragment for htmx.
            context = _detail_context(request, question, confirm_release=True)
            if not context["can_release"]:
                raise PermissionDenied
            template = page_or_partial(request, "politics/question_detail.html", "release")
            return render(request, template, context)
        release_question(question, by=request.user)
        messages.success(request, _("Svaret er frigivet til alle politikere."))
    else:
        raise Http404
    return redirect(question)


def _released(cycle: BudgetCycle):
    return (
        Question.objects.released()
        .filter(cycle=cycle)
        .select_related("asked_by", "party", "department", "proposal")
    )


@require_safe
@login_required
def answers_page(request: HttpRequest, cycle: str) -> HttpResponse:
    budget = get_object_or_404(BudgetCycle, slug=cycle)
    if not request.user.has_perm("politics.use_reading_room"):
        raise PermissionDenied
    return render(
        request, "politics/answers.html", {"cycle": budget, "questions": _released(budget)}
    )


@require_safe
@login_required
def answers_pdf(request: HttpRequest, cycle: str) -> HttpResponse:
    budget = get_object_or_404(BudgetCycle, slug=cycle)
    if not request.user.has_perm("politics.use_reading_room"):
        raise PermissionDenied
    publication = request_publication("answers", budget, {})
    return publication_redirect(publication)


def _answers_export(request: HttpRequest, cycle: str, what: str) -> BudgetCycle:
    """The cycle of the released answers a reading-room user takes out, logged as WHAT."""
    budget = get_object_or_404(BudgetCycle, slug=cycle)
    if not request.user.has_perm("politics.use_reading_room"):
        raise PermissionDenied
    record_export(request, what, budget)
    return budget


@require_safe
@login_required
def answers_docx(request: HttpRequest, cycle: str) -> HttpResponse:
    """The released answers as Word, for the same readers as the PDF."""
    from budget_portal.word import docx_response
    from politics.word import answers_docx as render

    budget = _answers_export(request, cycle, "svar på budgetspørgsmål (Word)")
    return docx_response(render(budget), f"svar-{budget.slug}.docx", public=False)


@require_safe
@login_required
def answers_xlsx(request: HttpRequest, cycle: str) -> HttpResponse:
    budget = _answers_export(request, cycle, "svar på budgetspørgsmål (Excel)")
    header = [
        _("Nr."),
        _("Stillet"),
        _("Af"),
        _("Parti"),
        _("Forslag"),
        _("Spørgsmål"),
        _("Afdeling"),
        _("Svar"),
        _("Frigivet"),
    ]
    rows = (
        [
            q.number,
            timezone.localtime(q.asked_at).replace(tzinfo=None),
            q.asked_by.get_full_name() or q.asked_by.get_username(),
            q.party.letter if q.party else "",
            q.proposal.number if q.proposal else "",
            q.text,
            q.department.name if q.department else "",
            q.answer,
            timezone.localtime(q.released_at).replace(tzinfo=None),
        ]
        for q in _released(budget)
    )
    data = write_workbook(
        [SheetSpec(_("Svar på budgetspørgsmål"), header, rows, widths={6: 60, 8: 80})]
    )
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="svar-{budget.slug}.xlsx"'
    return response
