"""The base of every form in the portal: free text cleaned the same way everywhere.

Each text field of a form built on `Form` or `ModelForm` (or with `CleanTextMixin`) gets
LF line endings before its own cleaning (so max_length counts as the browser does, and a
card saved unchanged compares equal), and refuses bidirectional controls with a Danish
message at the field (budget_portal/text.py says why).
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from budget_portal.text import normalise_newlines, reject_bidi_controls


def _normalising(to_python):
    def to_python_with_lf(value):
        return to_python(normalise_newlines(value))

    return to_python_with_lf


def clean_text_fields(form: forms.BaseForm) -> None:
    """Give every char field of FORM (its own copy of the fields) the portal's text rules."""
    for field in form.fields.values():
        if not isinstance(field, forms.CharField) or getattr(field, "_portal_text", False):
            continue
        field.to_python = _normalising(field.to_python)
        field.validators = [*field.validators, reject_bidi_controls]
        field._portal_text = True


class CleanTextMixin:
    # At cleaning time, so fields a subclass adds in its __init__ are covered too.
    def full_clean(self):
        clean_text_fields(self)
        super().full_clean()


class Form(CleanTextMixin, forms.Form):
    pass


class ModelForm(CleanTextMixin, forms.ModelForm):
    pass


class XlsxUploadForm(Form):
    """One .xlsx file of at most 5 MB; what is inside is the importer's to judge."""

    file = forms.FileField(
        label=gettext_lazy("Excel-fil (.xlsx)"),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )

    def clean_file(self):
        from budget_portal.excel import MAX_UPLOAD_BYTES

        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(_("Filen er for stor (højst 5 MB)."))
        if not upload.name.lower().endswith(".xlsx"):
            raise ValidationError(_("Vælg en .xlsx-fil."))
        return upload
