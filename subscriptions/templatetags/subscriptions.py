"""{% subscribe_form %}: the sign-up form where hearings are listed."""

from __future__ import annotations

from django import template

from subscriptions.forms import SubscribeForm

register = template.Library()


@register.inclusion_tag("subscriptions/partials/_subscribe_form.html", takes_context=True)
def subscribe_form(context) -> dict:
    return {"form": SubscribeForm(), "csrf_token": context.get("csrf_token")}
