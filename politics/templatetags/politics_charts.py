"""`{% scenario_chart effect cycle name as chart %}` (politics/charts.py)."""

from __future__ import annotations

from django import template

from politics import charts

register = template.Library()


@register.simple_tag
def scenario_chart(effect, cycle, name):
    return charts.scenario_chart(effect, cycle, name) if effect.years else None
