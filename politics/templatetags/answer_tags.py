"""Released answers beside the card they are about: `{% card_answers card %}`."""

from __future__ import annotations

from django import template

from politics.models import Question, QuestionState

register = template.Library()


@register.inclusion_tag("politics/partials/_card_answers.html", takes_context=True)
def card_answers(context, card) -> dict:
    """The released answers to questions about CARD that the reader may see, each with the
    version of the card it answers, and whether the card has changed since."""
    user = context["request"].user
    questions = (
        Question.objects.visible_to(user)
        .filter(proposal=card, state=QuestionState.RELEASED)
        .select_related("answers_revision")
        .order_by("number")
    )
    return {"card": card, "questions": list(questions)}
