"""Card input: per-year amount and FTE fields in the cycle's unit, and the version we edit from."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from budget_portal import forms as portal_forms
from budget_portal.fields import AmountField, DanishDateField, FteField
from budget_portal.figures import YearSum, YearValues
from budget_portal.models import BudgetCycle, Department
from proposals.models import Proposal, ProposalYear

NUMBER_RE = re.compile(r"^[A-ZÆØÅ0-9][A-ZÆØÅ0-9-]{0,11}$")


class ProposalForm(portal_forms.ModelForm):
    start_date = DanishDateField(
        label=gettext_lazy("Iværksættelsestidspunkt"),
        required=False,
        help_text=gettext_lazy("Fx 01.01.2026 eller 1. januar 2026."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Proposal
        fields = [
            "number",
            "title",
            "kind",
            "committee",
            "department",
            "price_year",
            "start_date",
            "service_frame",
            "service_frame_note",
            "pending_note",
            "background",
            "consequences",
        ]
        widgets = {
            "title": forms.TextInput(attrs={"class": "form-input input-width-xl"}),
            "background": forms.Textarea(attrs={"rows": 14, "class": "form-input input-width-xl"}),
            "consequences": forms.Textarea(
                attrs={"rows": 10, "class": "form-input input-width-xl"}
            ),
        }
        # The choices are this cycle's (and for an editor their own departments'): what else
        # arrives is a stale page, a forged post or an import row.
        error_messages = {
            "committee": {"invalid_choice": gettext_lazy("Udvalget findes ikke i dette budgetår.")},
            "department": {
                "invalid_choice": gettext_lazy(
                    "Afdelingen findes ikke i dette budgetår, eller du kan ikke oprette eller "
                    "rette forslag for den."
                )
            },
        }
        help_texts = {
            "background": gettext_lazy(
                "Markdown: tom linje mellem afsnit, - for punkter, | for tabeller."
            ),
        }

    def __init__(self, *args, cycle: BudgetCycle, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.cycle = cycle
        self.user = user
        self.fields["committee"].queryset = cycle.committees.all()
        departments = Department.objects.filter(cycle=cycle)
        if not user.has_perm("proposals.add_proposal_for_any_department"):
            departments = departments.filter(editors=user)
        self.fields["department"].queryset = departments
        self.fields["price_year"].initial = cycle.price_year
        for f in self.fields.values():
            css = "form-select" if isinstance(f.widget, forms.Select) else "form-input"
            f.widget.attrs.setdefault("class", css)
        self.fields["price_year"].min_value = 2000
        self.fields["version"].initial = self.instance.version if self.instance.pk else None
        current = {y.year: y for y in self.instance.years.all()} if self.instance.pk else {}
        for year in cycle.year_range:
            row = current.get(year)
            self.fields[f"expenses_{year}"] = AmountField(
                unit=cycle.display_unit,
                label=_("Udgifter %(y)s") % {"y": year},
                initial=row.expenses if row else None,
            )
            self.fields[f"revenues_{year}"] = AmountField(
                unit=cycle.display_unit,
                label=_("Indtægter %(y)s") % {"y": year},
                initial=row.revenues if row else None,
            )
            self.fields[f"fte_{year}"] = FteField(
                label=_("Årsværk %(y)s") % {"y": year}, initial=row.fte if row else None
            )

    def clean_number(self) -> str:
        number = self.cleaned_data["number"].strip().upper()
        if not NUMBER_RE.match(number):
            raise ValidationError(
                _("Nr. skal være bogstaver og cifre, fx T101 eller A108 (højst 12 tegn).")
            )
        if self.number_taken(number):
            raise ValidationError(_("Nr. %(n)s findes allerede i dette budgetår.") % {"n": number})
        return number

    def number_taken(self, number: str) -> bool:
        """Another card of the cycle has NUMBER (the Excel import asks a list read once)."""
        clash = Proposal.objects.filter(cycle=self.cycle, number=number)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        return clash.exists()

    def clean_price_year(self) -> int:
        year = self.cleaned_data["price_year"]
        if not self.cycle.first_year - 5 <= year <= self.cycle.last_year:
            raise ValidationError(
                _("Prisniveauet skal ligge mellem %(a)s og %(b)s.")
                % {"a": self.cycle.first_year - 5, "b": self.cycle.last_year}
            )
        return year

    # -- what the views and services need ------------------------------------------------
    def year_fields(self) -> list[tuple[int, forms.BoundField, forms.BoundField, forms.BoundField]]:
        return [
            (year, self[f"expenses_{year}"], self[f"revenues_{year}"], self[f"fte_{year}"])
            for year in self.cycle.year_range
        ]

    def card_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}

    def years(self) -> dict[int, YearValues]:
        return {
            year: YearValues(
                self.cleaned_data[f"expenses_{year}"],
                self.cleaned_data[f"revenues_{year}"],
                self.cleaned_data[f"fte_{year}"],
            )
            for year in self.cycle.year_range
        }

    def preview_totals(self) -> tuple[dict[int, YearSum], YearSum, list[str]]:
        """Per-year sums of what is typed so far, for the live totals; bad fields are listed."""
        per_year: dict[int, YearSum] = {}
        total = YearSum()
        problems: list[str] = []
        for year in self.cycle.year_range:
            values = {}
            for name in ("expenses", "revenues", "fte"):
                bound = self[f"{name}_{year}"]
                try:
                    values[name] = bound.field.clean(bound.value())
                except ValidationError as exc:
                    values[name] = None
                    problems.append(f"{bound.label}: {exc.messages[0]}")
            unknown = 0 if ProposalYear(year=year, **values).complete else 1
            per_year[year] = YearSum()
            per_year[year].add(unknown=unknown, **values)
            total.add(unknown=unknown, **values)
        return per_year, total, problems


class StatusForm(portal_forms.Form):
    target = forms.CharField(max_length=10)
    version = forms.IntegerField()
    case_number = forms.CharField(max_length=40, required=False)
    confirm = forms.BooleanField(required=False)


class WorkbookUploadForm(portal_forms.XlsxUploadForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("Arket “Forslag” i skabelonens format; højst 5 MB.")
