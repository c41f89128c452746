"""Filters of the plan page: ?gruppe=, ?type=, ?udvalg=, ?status=."""

from __future__ import annotations

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from implementation.models import ImplementationPlan, ItemKind, ItemStatus, PlanItem


class PlanItemFilter(django_filters.FilterSet):
    # Named in Danish, as every query parameter of the portal is.
    gruppe = django_filters.ModelChoiceFilter(
        label=_("Gruppe"), field_name="group", queryset=None, empty_label=_("Alle")
    )
    type = django_filters.ChoiceFilter(
        label=_("Type"), field_name="kind", choices=ItemKind.choices, empty_label=_("Alle")
    )
    udvalg = django_filters.ModelChoiceFilter(
        label=_("Udvalg"), queryset=None, field_name="committees", empty_label=_("Alle")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ItemStatus.choices, method="filter_status", empty_label=_("Alle")
    )

    class Meta:
        model = PlanItem
        fields = ["gruppe", "type", "udvalg", "status"]

    def __init__(self, *args, plan: ImplementationPlan, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["gruppe"].queryset = plan.groups.all()
        self.filters["udvalg"].queryset = plan.cycle.committees.all()
        for choice in self.filters.values():  # DKFDS draws its chevron on .form-select
            choice.extra["widget"] = forms.Select(attrs={"class": "form-select"})

    def filter_status(self, queryset, name, value):
        return queryset.with_status(value)
