"""The search form: the words and the two filters, checked before anything reaches the database."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from budget_portal import forms as portal_forms
from budget_portal.models import BudgetCycle
from search.engine import MAX_QUERY_LENGTH
from search.sources import KIND_CHOICES

CHOOSE = {"invalid_choice": _("Vælg en gyldig mulighed på listen.")}


class SearchForm(portal_forms.Form):
    q = forms.CharField(
        label=_("Søg efter"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        help_text=_(
            "Skriv ét eller flere ord. Brug “anførselstegn” om en frase og - foran et ord, "
            "der ikke må forekomme."
        ),
        error_messages={
            "max_length": _(
                "Søgningen må højst være %(limit_value)d tegn (den er %(show_value)d)."
            ),
            "null_characters_not_allowed": _("Søgningen indeholder et ugyldigt tegn (nul-tegn)."),
        },
        widget=forms.TextInput(attrs={"type": "search", "class": "form-input input-width-xl"}),
    )
    budget = forms.ChoiceField(
        label=_("Budgetår"),
        required=False,
        error_messages=CHOOSE,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    type = forms.ChoiceField(
        label=_("Type"),
        required=False,
        choices=[("", _("Alle typer")), *KIND_CHOICES],
        error_messages=CHOOSE,
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cycles = BudgetCycle.objects.newest_first().values_list("slug", "name", "municipality")
        self.fields["budget"].choices = [("", _("Alle budgetår"))] + [
            (slug, f"{name}, {municipality}") for slug, name, municipality in cycles
        ]
