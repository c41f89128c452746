"""The citizen's response form (labels fixed by the hearing issue) and moderation forms."""

from __future__ import annotations

import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from budget_portal import forms as portal_forms
from budget_portal.honeypot import HoneypotForm
from budget_portal.personal_data import find_cpr_numbers
from budget_portal.uploads import check_pdf
from hearings.models import Hearing

MAX_RESPONSE_CHARS = 20_000


def cpr_warning_text() -> str:
    return _(
        "Teksten ser ud til at indeholde et CPR-nummer. Fjern det, hvis det ikke skal med: "
        "høringssvar kan blive offentliggjort. Vil du sende teksten, som den er, så sæt "
        "kryds i „Send alligevel“."
    )


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
    # Shown only after the CPR warning: the sender has read it and sends all the same.
    send_anyway = forms.BooleanField(
        label=gettext_lazy("Send alligevel"),
        required=False,
    )

    def __init__(self, *args, hearing: Hearing, verified_name: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if verified_name:
            # Disabled: Django keeps the verified name whatever the browser sends.
            self.fields["name"].disabled = True
            self.fields["name"].initial = verified_name
            self.fields["name"].help_text = gettext_lazy("Bekræftet med MitID.")
        self.fields["cards"].queryset = hearing.cards.public().order_by("number")
        self.fields["submission_key"].initial = uuid.uuid4()
        if not self.fields["cards"].queryset.exists():
            del self.fields["cards"]
        for name in ("name", "organisation", "email", "text"):
            self.fields[name].widget.attrs.setdefault("class", "form-input input-width-xl")
        # With htmx the CPR warning comes as soon as the text field is left.
        self.fields["text"].widget.attrs.update(
            {
                "hx-post": reverse("hearings:check_text", kwargs={"slug": hearing.slug}),
                "hx-trigger": "change",
                "hx-params": "text",
                "hx-target": "#cpr-warning",
                "hx-swap": "outerHTML",
            }
        )

    @property
    def cpr_warning(self) -> bool:
        return self.has_error("text", code="cpr")

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        if len(text) < 2:
            raise ValidationError(_("Skriv dit høringssvar."))
        if find_cpr_numbers(text) and not self.data.get(self.add_prefix("send_anyway")):
            raise ValidationError(cpr_warning_text(), code="cpr")
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


class PublishConfirmForm(PublishForm):
    # Publishing cannot be undone (the text may be copied the moment it shows): a checked
    # box is the confirmation, with or without JavaScript.
    confirm = forms.BooleanField(
        label=gettext_lazy("Jeg har læst svaret igennem. Offentliggørelsen kan ikke fortrydes."),
        error_messages={
            "required": gettext_lazy(
                "Bekræft, at svaret skal offentliggøres: det kan ikke fortrydes."
            )
        },
    )


class ResponseNoteForm(portal_forms.Form):
    summary = forms.CharField(
        label=gettext_lazy("Resumé"),
        widget=forms.Textarea(attrs={"rows": 5, "class": "form-input input-width-xl"}),
        required=False,
        max_length=MAX_RESPONSE_CHARS,
        help_text=gettext_lazy("Foreslået ud fra svarets begyndelse. Ret det til."),
    )
    remark = forms.CharField(
        label=gettext_lazy("Administrationens bemærkning"),
        widget=forms.Textarea(attrs={"rows": 5, "class": "form-input input-width-xl"}),
        required=False,
        max_length=MAX_RESPONSE_CHARS,
    )


class CardRemarkForm(portal_forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Administrationens fælles bemærkning til svarene i gruppen"),
        widget=forms.Textarea(attrs={"rows": 5, "class": "form-input input-width-xl"}),
        required=False,
        max_length=MAX_RESPONSE_CHARS,
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
