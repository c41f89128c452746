"""`{% progress_chart groups as chart %}` (implementation/charts.py)."""

from __future__ import annotations

from django import template

from implementation import charts

register = template.Library()


@register.simple_tag
def progress_chart(groups):
    """GROUPS: the plan page's (group, items) pairs."""
    return charts.progress_chart([group for group, _items in groups])
