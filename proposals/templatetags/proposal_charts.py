"""Charts of the cards for templates: `{% totals_charts totals cycle as charts %}`, or with
`linked query` drawn by their own address (proposals.views.list_chart) as images."""

from __future__ import annotations

from django import template
from django.urls import reverse

from proposals import charts

register = template.Library()


@register.simple_tag
def totals_charts(totals, cycle, linked=False, query="") -> list:
    """Net per year by committee, and within/outside the service frame; none for no cards.
    LINKED (the card list): each chart is an image at its own address, with the list's
    QUERY string (its filters), so the list does not wait for the drawings."""
    if not totals.committees:
        return []
    drawn = [(name, draw(totals, cycle)) for name, draw in charts.LIST_CHARTS.items()]
    if linked:
        for name, chart in drawn:
            url = reverse("proposals:list_chart", args=[cycle.slug, name])
            chart.src = f"{url}?{query}" if query else url
    return [chart for _name, chart in drawn]


@register.simple_tag
def card_chart(card, cycle):
    return charts.card_chart(card, cycle)
