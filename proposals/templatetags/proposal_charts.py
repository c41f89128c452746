"""Charts of the cards for templates: `{% totals_charts totals cycle as charts %}`."""

from __future__ import annotations

from django import template

from proposals import charts

register = template.Library()


@register.simple_tag
def totals_charts(totals, cycle) -> list:
    """Net per year by committee, and within/outside the service frame; none for no cards."""
    if not totals.committees:
        return []
    return [charts.committee_chart(totals, cycle), charts.frame_chart(totals, cycle)]


@register.simple_tag
def card_chart(card, cycle):
    return charts.card_chart(card, cycle)
