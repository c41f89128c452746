"""Template filters for Danish money and numbers; builtins, so no {% load %} is needed."""

from __future__ import annotations

from django import template

from budget_portal import money
from budget_portal.markdown import render_markdown

register = template.Library()


@register.filter
def kr(kroner: int | None) -> str:
    return money.format_kr(kroner)


@register.filter
def mio(kroner: int | None) -> str:
    return money.format_mio(kroner)


@register.filter
def in_unit(kroner: int | None, unit: str) -> str:
    return money.in_unit(kroner, unit)


@register.filter
def fte(value) -> str:
    return money.format_fte(value)


@register.filter
def markdown(text: str):
    return render_markdown(text)


@register.filter
def fte_decimal(value) -> str:
    """A decimal such as årsværk or a share, Danish, without trailing zeros (0,54; 50)."""
    return money.format_fte(value)
