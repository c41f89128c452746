"""The question list's filters (django-filter): status, committee, department, overdue.

Query parameters are the filters' names, in Danish as the card list's (proposals/filters.py) are:
?status=, ?udvalg=, ?afdeling=, ?overskredet=."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from budget_portal.models import BudgetCycle
from politics.models import Question, QuestionState


class QuestionFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=QuestionState.choices,
        field_name="shown_state",  # the state as the reader may know it (with_state_for)
        empty_label=_("Alle"),
    )
    udvalg = django_filters.ModelChoiceFilter(
        label=_("Udvalg"), queryset=None, method="filter_committee", empty_label=_("Alle")
    )
    afdeling = django_filters.ModelChoiceFilter(
        label=_("Afdeling"), field_name="department", queryset=None, empty_label=_("Alle")
    )
    overskredet = django_filters.BooleanFilter(
        label=_("Kun overskredne frister"),
        method="filter_overdue",
        widget=forms.CheckboxInput(attrs={"class": "form-checkbox"}),
    )

    class Meta:
        model = Question
        fields = ["status", "udvalg", "afdeling", "overskredet"]

    def __init__(self, *args, cycle: BudgetCycle, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["udvalg"].queryset = cycle.committees.all()
        self.filters["afdeling"].queryset = cycle.departments.all()
        for name in (
            "status",
            "udvalg",
            "afdeling",
        ):  # DKFDS draws its chevron on .form-select
            self.filters[name].extra["widget"] = forms.Select(attrs={"class": "form-select"})
        if not user.has_perm("politics.see_draft_answers", cycle):
            # To them a draft answer does not exist: the question is still "Fordelt".
            self.filters["status"].extra["choices"] = [
                c for c in QuestionState.choices if c[0] != QuestionState.ANSWERED
            ]

    def filter_committee(self, queryset, name, value):
        """A committee's questions: about one of its cards, or answered by its department."""
        return queryset.filter(Q(proposal__committee=value) | Q(department__committee=value))

    def filter_overdue(self, queryset, name, value):
        return queryset.overdue(timezone.localdate()) if value else queryset
