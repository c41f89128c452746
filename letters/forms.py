"""Editing a cover letter: the letter, its themes, attachments and signatures, and a grant."""

from __future__ import annotations

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from budget_portal import forms as portal_forms
from budget_portal.fields import AmountField, DanishDateField
from budget_portal.uploads import check_pdf
from letters.models import (
    CoverLetter,
    ExpiringGrant,
    LetterAttachment,
    LetterTheme,
    Signature,
)


def _style(form: forms.BaseForm) -> None:
    for field in form.fields.values():
        css = "form-select" if isinstance(field.widget, forms.Select) else "form-input"
        if isinstance(field.widget, forms.CheckboxInput | forms.HiddenInput):
            continue
        field.widget.attrs.setdefault("class", css)


class LetterForm(portal_forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = CoverLetter
        fields = ["heading", "intro", "expiring_grants_heading", "expiring_grants_intro", "closing"]
        widgets = {
            name: forms.Textarea(attrs={"rows": 6})
            for name in ("intro", "expiring_grants_intro", "closing")
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version
        _style(self)


def _cycle_cards(form: forms.ModelForm, name: str) -> None:
    """Cards of the letter's own cycle only."""
    from proposals.models import Proposal

    letter = form.instance.letter if form.instance.letter_id else None
    cycle = letter.cycle if letter else None
    form.fields[name].queryset = (
        Proposal.objects.filter(cycle=cycle).order_by("number")
        if cycle
        else Proposal.objects.none()
    )


class ThemeForm(portal_forms.ModelForm):
    class Meta:
        model = LetterTheme
        fields = ["heading", "text", "cards", "position"]
        widgets = {"text": forms.Textarea(attrs={"rows": 6}), "cards": forms.SelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _cycle_cards(self, "cards")
        self.fields["cards"].help_text = _("Forslag, temaet handler om (valgfrit).")
        _style(self)


class AttachmentForm(portal_forms.ModelForm):
    class Meta:
        model = LetterAttachment
        fields = ["title", "file", "card", "position"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _cycle_cards(self, "card")
        self.fields["card"].help_text = _("Eller et link til et forslag i stedet for en fil.")
        _style(self)

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and hasattr(upload, "content_type"):
            check_pdf(upload)
        return upload


class SignatureForm(portal_forms.ModelForm):
    class Meta:
        model = Signature
        fields = ["name", "title", "position"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _style(self)


ThemeFormSet = inlineformset_factory(CoverLetter, LetterTheme, form=ThemeForm, extra=1)
AttachmentFormSet = inlineformset_factory(
    CoverLetter, LetterAttachment, form=AttachmentForm, extra=1
)
SignatureFormSet = inlineformset_factory(CoverLetter, Signature, form=SignatureForm, extra=1)


class GrantForm(portal_forms.ModelForm):
    decision_date = DanishDateField(label=gettext_lazy("Bevilget den"), required=False)

    class Meta:
        model = ExpiringGrant
        fields = [
            "name",
            "decision_body",
            "decision_date",
            "period_start",
            "period_end",
            "text",
            "note",
        ]
        widgets = {"text": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, cycle, **kwargs):
        super().__init__(*args, **kwargs)
        self.cycle = cycle
        existing = self.instance.shortfall_by_year() if self.instance.pk else {}
        self.fields["decision_amount"] = AmountField(
            unit="kr", label=_("Bevilget beløb (kr.)"), initial=self.instance.decision_amount
        )
        for year in cycle.year_range:
            row = existing.get(year)
            self.fields[f"missing_{year}"] = AmountField(
                unit="kr",
                label=_("Manglende finansiering %(y)s (kr.)") % {"y": year},
                initial=row.amount if row else None,
                help_text=_("Tomt felt: beløbet kendes ikke."),
            )
            self.fields[f"known_{year}"] = forms.BooleanField(
                label=_("Manglende finansiering i %(y)s") % {"y": year},
                required=False,
                initial=row is not None,
            )
        _style(self)

    def missing(self) -> dict[int, int | None]:
        """Years with a shortfall: amount, or None when it is there but not yet known."""
        result = {}
        for year in self.cycle.year_range:
            amount = self.cleaned_data.get(f"missing_{year}")
            if amount is not None or self.cleaned_data.get(f"known_{year}"):
                result[year] = amount
        return result

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("Perioden slutter før den begynder."))
        return data
