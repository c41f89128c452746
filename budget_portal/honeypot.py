"""The honeypot of the public forms: a field people never see and form-filling robots fill in."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from budget_portal import forms as portal_forms


class HoneypotForm(portal_forms.Form):
    """A form with a field people never see (templates/partials/_honeypot.html hides it);
    robots fill it in. A view answers a filled-in form as if it had worked and stores nothing."""

    website = forms.CharField(
        label=gettext_lazy("Lad dette felt stå tomt"), required=False, max_length=200
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})

    @property
    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("website"))
