"""The sign-up form: an e-mail address, and the honeypot the hearing form also has."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from budget_portal.honeypot import HoneypotForm


class SubscribeForm(HoneypotForm):
    # 254: the longest address SMTP carries (RFC 5321 path limit). NUL bytes are refused by
    # Django's CharField validator, in Danish.
    email = forms.EmailField(
        label=gettext_lazy("E-mail"),
        max_length=254,
        help_text=gettext_lazy("Vi sender et link, som du skal klikke på for at bekræfte."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs.update(
            {"class": "form-input input-width-xl", "autocomplete": "email"}
        )
