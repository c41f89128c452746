"""The citizen's response form (labels fixed by the hearing issue) and moderation forms."""

from __future__ import annotations

import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from budget_portal import forms as portal_forms
from budget_portal.honeypot import HoneypotForm
from budget_portal.uploads import check_pdf
from hearings.models import Hearing

MAX_RESPONSE_CHARS = 20_000


class ResponseForm(HoneypotForm):
    name = forms.CharField(label=gettext_lazy("Navn"), max_length=200)
    organisation = forms.CharField(
        label=gettext_lazy("Organisation"), max_length=200, required=False
    )
    email = forms.EmailField(
        label=gettext_lazy("E-mail"),
        help_text=gettext_lazy("Til din kvittering. Den offentliggøres aldrig."),
    )
    text = forms.CharField(
        label=gettext_lazy("Dit høringssvar"),
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=MAX_RESPONSE_CHARS,
    )
    cards = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Forslag, dit svar handler om"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-checkbox"}),
    )
    attachment = forms.FileField(
        label=gettext_lazy("Vedhæft fil (PDF)"),
        required=False,
        help_text=gettext_lazy("Højst 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )
    consent = forms.BooleanField(
        label=gettext_lazy("Jeg giver samtykke til, at mit svar offentliggøres"), required=False
    )
    submission_key = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, hearing: Hearing, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cards"].queryset = hearing.cards.public().order_by("number")
        self.fields["submission_key"].initial = uuid.uuid4()
        if not self.fields["cards"].queryset.exists():
            del self.fields["cards"]
        for name in ("name", "organisation", "email", "text"):
            self.fields[name].widget.attrs.setdefault("class", "form-input input-width-xl")

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        if len(text) < 2:
            raise ValidationError(_("Skriv dit høringssvar."))
        return text

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if upload:
            check_pdf(upload)
        return upload


class PublishForm(portal_forms.Form):
    published_text = forms.CharField(
        label=gettext_lazy("Tekst, der offentliggøres"),
        widget=forms.Textarea(attrs={"rows": 8, "class": "form-input input-width-xl"}),
        required=False,
        max_length=MAX_RESPONSE_CHARS,
        help_text=gettext_lazy(
            "Fjern personoplysninger (fx CPR-numre). Tomt felt: svaret som modtaget."
        ),
    )


class RejectForm(portal_forms.Form):
    # Not required here: the service refuses an empty reason with its own message.
    reason = forms.CharField(
        label=gettext_lazy("Begrundelse"),
        max_length=500,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-input input-width-xl"}),
    )


class PersonLookupForm(portal_forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("Afsenderens e-mailadresse"),
        max_length=254,
        widget=forms.EmailInput(attrs={"class": "form-input input-width-xl"}),
    )


class EraseForm(PersonLookupForm):
    confirm = forms.BooleanField(
        label=gettext_lazy(
            "Ja, slet personens oplysninger i alle svarene. Det kan ikke fortrydes."
        ),
        error_messages={"required": gettext_lazy("Bekræft sletningen.")},
    )
