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
from budget_portal.htmx import page_or_partial
from budget_portal.models import BudgetCycle
from budget_portal.publications import publication_redirect, request_publication
from politics.filters import QuestionFilter
from politics.forms import AnswerForm, AssignForm, QuestionForm, ReleaseForm
from politics.models import Question
from politics.outputs import answers_workbook, released_answers
from politics.questions import answer_question, ask_question, assign_question, release_question
from politics.views.access import cycle_for, xlsx_download
from proposals.models import Proposal


def _question(request: HttpRequest, cycle_slug: str, number: int) -> Question:
    question = (
        Question.objects.visible_to(request.user)
        .select_related("cycle", "asked_by", "party", "department", "proposal")
        .filter(cycle__slug=cycle_slug, number=number)
        .first()
    )
    if question is None:
        raise Http404
    return question


@require_http_methods(["GET", "POST"])
@login_required
def question_list(request: HttpRequest, cycle_slug: str) -> HttpResponse:
    budget = get_object_or_404(BudgetCycle, slug=cycle_slug)
    can_ask = request.user.has_perm("politics.ask_question")
    cards = Proposal.objects.public().filter(cycle=budget)
    form = QuestionForm(request.POST or None, cards=cards) if can_ask else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            question = ask_question(
                budget, by=request.user, text=data["text"], proposal=data["proposal"]
            )
            messages.success(
                request, _("Dit spørgsmål er stillet som spørgsmål %(n)s.") % {"n": question.number}
            )
            return redirect(question)
    today = timezone.localdate()
    questions = (
        Question.objects.visible_to(request.user)
        .filter(cycle=budget)
        .with_state_for(request.user)
        .with_overdue(today)
        .select_related("asked_by", "party", "department", "proposal")
    )
    filterset = QuestionFilter(
        request.GET or None, queryset=questions, cycle=budget, user=request.user
    )
    context = {
        "cycle": budget,
        "questions": filterset.qs,
        "filter": filterset,
        "can_ask": can_ask,
        "form": form,
    }
    return render(request, "politics/question_list.html", context)


def _detail_context(request: HttpRequest, question: Question, **forms) -> dict:
    user = request.user
    can_assign = user.has_perm("politics.assign_question") and not question.is_released
    can_answer = user.has_perm("politics.answer_question", question)
    return {
        "cycle": question.cycle,
        "question": question,
        "answer": question.visible_answer_for(user),
        "state_label": question.state_label_for(user),
        "answer_is_draft": not question.is_released,
        "can_assign": can_assign,
        "can_answer": can_answer,
        "can_release": user.has_perm("politics.release_question") and question.awaits_release,
        "assign_form": forms.get("assign_form")
        or (AssignForm(question=question, auto_id="assign-%s") if can_assign else None),
        "answer_form": forms.get("answer_form")
        or (
            AnswerForm(initial={"answer": question.answer}, auto_id="answer-%s")
            if can_answer
            else None
        ),
        "confirm_release": forms.get("confirm_release", False),
    }


@require_safe
@login_required
def question_detail(request: HttpRequest, cycle_slug: str, number: int) -> HttpResponse:
    question = _question(request, cycle_slug, number)
    return render(request, "politics/question_detail.html", _detail_context(request, question))


def _refused(request: HttpRequest, question: Question, **forms) -> HttpResponse:
    """The question page again, the refused form showing its errors at the fields."""
    return render(
        request, "politics/question_detail.html", _detail_context(request, question, **forms)
    )


@require_POST
@login_required
def question_action(
    request: HttpRequest, cycle_slug: str, number: int, action: str
) -> HttpResponse:
    question = _question(request, cycle_slug, number)
    if action == "fordel":
        if not request.user.has_perm("politics.assign_question") or question.is_released:
            raise PermissionDenied
        form = AssignForm(request.POST, question=question, auto_id="assign-%s")
        if not form.is_valid():
            return _refused(request, question, assign_form=form)
        department = form.cleaned_data["department"]
        assign_question(
            question, by=request.user, department=department, deadline=form.cleaned_data["deadline"]
        )
        messages.success(request, _("Spørgsmålet er fordelt til %(d)s.") % {"d": department.name})
    elif action == "besvar":
        if not request.user.has_perm("politics.answer_question", question):
            raise PermissionDenied
        form = AnswerForm(request.POST, auto_id="answer-%s")
        if not form.is_valid():
            return _refused(request, question, answer_form=form)
        answer_question(question, by=request.user, answer=form.cleaned_data["answer"])
        messages.success(request, _("Svaret er gemt som kladde."))
    elif action == "frigiv":
        if not (request.user.has_perm("politics.release_question") and question.awaits_release):
            raise PermissionDenied
        if not ReleaseForm(request.POST).confirmed():
            # Release cannot be undone: a second step asks first, as a page without
            # JavaScript and as the #release fragment for htmx.
            context = _detail_context(request, question, confirm_release=True)
            template = page_or_partial(request, "politics/question_detail.html", "release")
            return render(request, template, context)
        release_question(question, by=request.user)
        messages.success(request, _("Svaret er frigivet til alle politikere."))
    else:
        raise Http404
    return redirect(question)


@require_safe
@login_required
def answers_page(request: HttpRequest, cycle_slug: str) -> HttpResponse:
    budget = cycle_for(request, cycle_slug, "politics.use_reading_room")
    return render(
        request, "politics/answers.html", {"cycle": budget, "questions": released_answers(budget)}
    )


@require_safe
@login_required
def answers_pdf(request: HttpRequest, cycle_slug: str) -> HttpResponse:
    budget = cycle_for(request, cycle_slug, "politics.use_reading_room")
    publication = request_publication("answers", budget, {})
    return publication_redirect(publication)


@require_safe
@login_required
def answers_xlsx(request: HttpRequest, cycle_slug: str) -> HttpResponse:
    budget = cycle_for(request, cycle_slug, "politics.use_reading_room")
    record_export(request, "svar på budgetspørgsmål (Excel)", budget)
    return xlsx_download(answers_workbook(budget), f"svar-{budget.slug}.xlsx")


@require_safe
@login_required
def answers_docx(request: HttpRequest, cycle_slug: str) -> HttpResponse:
    """The released answers as Word, for the same readers as the PDF."""
    from budget_portal.word import docx_response
    from politics.word import answers_docx as render

    budget = cycle_for(request, cycle_slug, "politics.use_reading_room")
    record_export(request, "svar på budgetspørgsmål (Word)", budget)
    return docx_response(render(budget), f"svar-{budget.slug}.docx", public=False)
