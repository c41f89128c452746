"""Input of the politicians' side, each with Danish messages at its field: scenarios and
their shares, targets, amendments and their deadline, comments, questions and answers."""

from __future__ import annotations

import re
from datetime import time
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from budget_portal import forms as portal_forms
from budget_portal import money
from budget_portal.dates import parse_danish_date
from budget_portal.numbers import parse_danish_decimal


def share_message() -> str:
    return _("Andelen skal være mellem 0 og 100 procent, fx 50 eller 12,5.")


class ShareField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 8)
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "class": "form-input share-input"})

    def clean(self, value):
        try:
            number = parse_danish_decimal(super().clean(value))
        except ValidationError as exc:
            # The number parser speaks of amounts ("fx 1.000.000"); a share is a percentage.
            raise ValidationError(share_message(), code="invalid_share") from exc
        if number is None:
            return Decimal(100)
        if not Decimal(0) <= number <= Decimal(100):
            raise ValidationError(share_message(), code="share_out_of_range")
        if number != number.quantize(Decimal("0.01")):
            raise ValidationError(_("Andelen kan højst have to decimaler."))
        return number


class ScenarioForm(portal_forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Navn"),
        max_length=120,
        error_messages={
            "required": gettext_lazy("Giv scenariet et navn."),
            "max_length": gettext_lazy("Navnet kan højst have 120 tegn."),
        },
    )

    def __init__(self, *args, cards, entries: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.cards = list(cards)
        self.fields["name"].widget.attrs["class"] = "form-input"
        for card in self.cards:
            entry = entries.get(card.pk)
            self.fields[f"with_{card.pk}"] = forms.BooleanField(
                label=f"{card.number} {card.title}",
                required=False,
                initial=entry is not None,
                widget=forms.CheckboxInput(attrs={"class": "form-checkbox"}),
            )
            self.fields[f"share_{card.pk}"] = ShareField(
                label=_("Andel af %(n)s (%%)") % {"n": card.number},
                initial=money.format_fte(entry.share) if entry else "100",
            )

    def rows(self):
        return [(card, self[f"with_{card.pk}"], self[f"share_{card.pk}"]) for card in self.cards]

    def selection(self) -> dict[int, Decimal]:
        return {
            card.pk: self.cleaned_data[f"share_{card.pk}"]
            for card in self.cards
            if self.cleaned_data.get(f"with_{card.pk}")
        }

    def preview_selection(self) -> dict[int, Decimal]:
        """What is ticked so far, ignoring shares that do not parse (the live totals)."""
        chosen = {}
        for card in self.cards:
            if not self[f"with_{card.pk}"].value():
                continue
            try:
                chosen[card.pk] = self.fields[f"share_{card.pk}"].clean(
                    self[f"share_{card.pk}"].value()
                )
            except ValidationError:
                continue
        return chosen


class TargetForm(portal_forms.Form):
    def __init__(self, *args, cycle, current: dict[int, int], **kwargs):
        super().__init__(*args, **kwargs)
        from budget_portal.fields import AmountField

        for year in cycle.year_range:
            self.fields[f"target_{year}"] = AmountField(
                unit=cycle.display_unit,
                label=_("Skal findes i %(y)s") % {"y": year},
                initial=current.get(year),
                help_text=_("Negativt: en besparelse, der skal findes."),
            )
            self.fields[f"target_{year}"].widget.attrs["class"] = "form-input"
        self.years = list(cycle.year_range)

    def amounts(self) -> dict[int, int | None]:
        """Per year the target in kroner; None where the field was emptied (no target)."""
        return {year: self.cleaned_data[f"target_{year}"] for year in self.years}


class AmendmentForm(portal_forms.Form):
    title = forms.CharField(
        label=gettext_lazy("Titel"),
        max_length=200,
        error_messages={
            "required": gettext_lazy("Skriv en titel på ændringsforslaget."),
            "max_length": gettext_lazy("Titlen kan højst have 200 tegn."),
        },
    )
    text = forms.CharField(
        label=gettext_lazy("Tekst"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=20_000,
        error_messages={
            "required": gettext_lazy("Skriv, hvad ændringsforslaget går ud på."),
            "max_length": gettext_lazy("Teksten kan højst have 20.000 tegn."),
        },
    )
    cards = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Forslag, det ændrer eller henviser til"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-checkbox"}),
        error_messages={
            "invalid_choice": gettext_lazy("Vælg blandt budgetårets offentliggjorte forslag."),
            "invalid_pk_value": gettext_lazy("Vælg blandt budgetårets offentliggjorte forslag."),
        },
    )

    def __init__(self, *args, cycle, **kwargs):
        from budget_portal.fields import AmountField
        from proposals.models import Proposal

        super().__init__(*args, **kwargs)
        self.cycle = cycle
        self.fields["cards"].queryset = Proposal.objects.public().filter(cycle=cycle)
        for name in ("title", "text"):
            self.fields[name].widget.attrs["class"] = "form-input input-width-xl"
        for year in cycle.year_range:
            for key, label in (
                ("expenses", _("Udgifter %(y)s")),
                ("revenues", _("Indtægter %(y)s")),
            ):
                field = AmountField(unit=cycle.display_unit, label=label % {"y": year})
                field.widget.attrs["class"] = "form-input"
                self.fields[f"{key}_{year}"] = field

    def year_fields(self):
        return [(y, self[f"expenses_{y}"], self[f"revenues_{y}"]) for y in self.cycle.year_range]

    def years(self):
        from budget_portal.figures import YearValues

        return {
            y: YearValues(
                self.cleaned_data[f"expenses_{y}"], self.cleaned_data[f"revenues_{y}"], None
            )
            for y in self.cycle.year_range
        }


_CLOCK = re.compile(r"^(?:kl\.?\s*)?(\d{1,2})[.:](\d{2})$")


class AmendmentDeadlineForm(portal_forms.Form):
    """Finance's deadline for amendments: a day and a clock time in Copenhagen time, on one
    of this cycle's calendar deadlines (never another municipality's) or a new one."""

    milestone = forms.ModelChoiceField(
        label=gettext_lazy("Aktivitet i kalenderen"),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("Ny aktivitet: Frist for ændringsforslag"),
        help_text=gettext_lazy("Kalenderen viser fristen på den valgte aktivitet."),
    )
    day = forms.CharField(
        label=gettext_lazy("Dato"),
        max_length=40,
        help_text=gettext_lazy("Fx 01.10.2026 eller 1. oktober 2026."),
        error_messages={"required": gettext_lazy("Skriv datoen, fx 01.10.2026.")},
    )
    at = forms.CharField(
        label=gettext_lazy("Klokkeslæt"),
        max_length=12,
        help_text=gettext_lazy("Dansk tid, fx 12.00. Forslag kan indsendes til og med dette."),
        error_messages={"required": gettext_lazy("Skriv klokkeslættet, fx 12.00.")},
    )

    def __init__(self, *args, cycle, **kwargs):
        from budget_portal.models import MilestoneKind

        current = cycle.amendment_deadline
        if current is not None:
            kwargs.setdefault(
                "initial",
                {
                    "milestone": current.pk,
                    "day": date_format(current.last_day, "d.m.Y"),
                    "at": current.at_time.strftime("%H.%M") if current.at_time else "",
                },
            )
        super().__init__(*args, **kwargs)
        self.fields["milestone"].queryset = cycle.milestones.filter(kind=MilestoneKind.DEADLINE)
        for field in self.fields.values():
            field.widget.attrs["class"] = (
                "form-select" if field is self.fields["milestone"] else "form-input"
            )

    def clean_day(self):
        day = parse_danish_date(self.cleaned_data["day"])
        if day is None:
            raise ValidationError(_("Skriv datoen, fx 01.10.2026."))
        return day

    def clean_at(self):
        match = _CLOCK.match(self.cleaned_data["at"].strip().lower())
        if match is None or int(match[1]) > 23 or int(match[2]) > 59:
            raise ValidationError(_("Skriv klokkeslættet som timer og minutter, fx 12.00."))
        return time(int(match[1]), int(match[2]))


class CommentForm(portal_forms.Form):
    """A new comment (with its private flag) or, with editing=True, a comment's new text."""

    text = forms.CharField(
        label=gettext_lazy("Ny kommentar"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-input input-width-xl"}),
        error_messages={
            "required": gettext_lazy("Skriv en kommentar (højst 5.000 tegn)."),
            "max_length": gettext_lazy("Skriv en kommentar (højst 5.000 tegn)."),
        },
    )
    private = forms.BooleanField(
        label=gettext_lazy("Privat note (kun du kan se den)"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-checkbox"}),
    )

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            self.fields["text"].label = _("Tekst")
            del self.fields["private"]


class CardChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.number} {obj.title}"


class QuestionForm(portal_forms.Form):
    proposal = CardChoiceField(
        label=gettext_lazy("Om forslag"),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("Budgettet generelt"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    text = forms.CharField(
        label=gettext_lazy("Dit spørgsmål"),
        min_length=5,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 5, "class": "form-input input-width-xl"}),
        error_messages={
            "required": gettext_lazy("Skriv dit spørgsmål."),
            "min_length": gettext_lazy("Skriv dit spørgsmål."),
            "max_length": gettext_lazy("Spørgsmålet er for langt (højst 10.000 tegn)."),
        },
    )

    def __init__(self, *args, cards, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposal"].queryset = cards
        self.fields["proposal"].error_messages["invalid_choice"] = _(
            "Vælg et af de offentliggjorte forslag, eller budgettet generelt."
        )


class AssignForm(portal_forms.Form):
    """Finance sends a question to the department that answers it, with a deadline."""

    department = forms.ModelChoiceField(
        label=gettext_lazy("Afdeling"),
        queryset=None,
        empty_label=None,
        widget=forms.Select(attrs={"class": "form-select"}),
        error_messages={
            "required": gettext_lazy("Vælg afdelingen, der skal svare."),
            "invalid_choice": gettext_lazy("Vælg en af budgetårets afdelinger."),
        },
    )
    deadline = forms.CharField(
        label=gettext_lazy("Svarfrist"),
        max_length=40,
        help_text=gettext_lazy("Fx 01.10.2026 eller 1. oktober 2026."),
        widget=forms.TextInput(attrs={"class": "form-input", "placeholder": "dd.mm.åååå"}),
        error_messages={"required": gettext_lazy("Skriv en svarfrist, fx 01.10.2026.")},
    )

    def __init__(self, *args, question, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "department": question.department_id,
                "deadline": date_format(question.deadline, "d.m.Y") if question.deadline else "",
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = question.cycle.departments.all()

    def clean_deadline(self):
        deadline = parse_danish_date(self.cleaned_data["deadline"])
        if deadline is None:
            raise ValidationError(_("Skriv en svarfrist, fx 01.10.2026."))
        return deadline


class AnswerForm(portal_forms.Form):
    answer = forms.CharField(
        label=gettext_lazy("Svar"),
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 8, "class": "form-input input-width-xl"}),
        error_messages={
            "required": gettext_lazy("Skriv et svar."),
            "max_length": gettext_lazy("Svaret er for langt (højst 20.000 tegn)."),
        },
    )


class ReleaseForm(portal_forms.Form):
    # The second step's hidden "1": without it the page asks first (release is final).
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def confirmed(self) -> bool:
        return self.is_valid() and self.cleaned_data["confirm"]


class ScenarioNameForm(portal_forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Navn på nyt scenarie"),
        max_length=120,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-input"}),
        error_messages={"max_length": gettext_lazy("Navnet kan højst have 120 tegn.")},
    )


class ShareForm(portal_forms.Form):
    # A hidden "1" or "0" from the toggle button; BooleanField reads "0" as False.
    shared = forms.BooleanField(required=False, widget=forms.HiddenInput)
