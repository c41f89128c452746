"""`{% responses_chart cards responses as chart %}` (hearings/charts.py)."""

from __future__ import annotations

from django import template

from hearings import charts

register = template.Library()


@register.simple_tag
def responses_chart(cards, responses):
    return charts.responses_chart(cards, responses)
