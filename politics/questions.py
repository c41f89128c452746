"""Budget questions: asked, assigned to a department, answered, approved and released."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F, Max
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from audit import log as audit
from budget_portal.models import BudgetCycle, Department
from budget_portal.outbox import queue_mail
from politics.models import Question, QuestionState, party_of
from proposals.models import Revision


@transaction.atomic
def ask_question(cycle: BudgetCycle, *, by, text: str, proposal=None) -> Question:
    """Numbered per cycle without gaps or twins, also when two ask at the same moment: the
    cycle row is locked while the next number is taken."""
    if not by.has_perm("politics.ask_question"):
        raise PermissionDenied
    BudgetCycle.objects.select_for_update().filter(pk=cycle.pk).first()
    last = Question.objects.filter(cycle=cycle).aggregate(n=Max("number"))["n"] or 0
    return Question.objects.create(
        cycle=cycle,
        number=last + 1,
        asked_by=by,
        party=party_of(by),
        text=text.strip(),
        proposal=proposal,
    )


def _link(question: Question) -> str:
    return settings.SITE_URL + reverse(
        "politics:question", kwargs={"cycle_slug": question.cycle.slug, "number": question.number}
    )


@transaction.atomic
def assign_question(question: Question, *, by, department: Department, deadline) -> Question:
    if not by.has_perm("politics.assign_question") or question.is_released:
        raise PermissionDenied  # a released answer is not taken back by assigning again
    question.department, question.deadline = department, deadline
    question.state = QuestionState.ASSIGNED
    question.save(update_fields=["department", "deadline", "state"])
    queue_mail(
        [u.email for u in department.editors.all()],
        _("Spørgsmål %(n)s er fordelt til %(d)s") % {"n": question.number, "d": department.name},
        _("Svarfrist: %(f)s.\n\n%(q)s\n\n%(link)s")
        % {"f": date_format(deadline, "j. F Y"), "q": question.text, "link": _link(question)},
    )
    return question


@transaction.atomic
def answer_question(question: Question, *, by, answer: str) -> Question:
    if not by.has_perm("politics.answer_question", question):
        raise PermissionDenied
    question.answer = answer.strip()
    question.answered_by = by
    question.state = QuestionState.ANSWERED
    # Tied when written, not when released: the text explains the numbers its writer saw,
    # and a card revised while finance reviews the answer is then marked as changed since.
    question.answered_revision = _current_revision(question)
    question.save(update_fields=["answer", "answered_by", "state", "answered_revision"])
    return question


def _current_revision(question: Question) -> Revision | None:
    if question.proposal_id is None:
        return None
    return Revision.objects.filter(
        proposal_id=question.proposal_id, number=F("proposal__version")
    ).first()


@transaction.atomic
def release_question(question: Question, *, by) -> Question:
    """Finance approves the answer: every politician now sees question and answer."""
    if not by.has_perm("politics.release_question") or not question.answer:
        raise PermissionDenied
    if not question.awaits_release:
        raise PermissionDenied  # released once: the asker is not told twice
    question.state = QuestionState.RELEASED
    question.released_at = timezone.now()
    if question.answered_revision_id is None:  # a draft written before answers were tied
        question.answered_revision = _current_revision(question)
    question.save(update_fields=["state", "released_at", "answered_revision"])
    audit.record(audit.Action.PUBLISHED, actor=by, target=question)
    queue_mail(
        [question.asked_by.email],
        _("Svar på spørgsmål %(n)s er frigivet") % {"n": question.number},
        f"{question.text}\n\n{question.answer}\n\n{_link(question)}",
    )
    return question
