"""The card list's filters (django-filter): committee, kind, status, service frame."""

from __future__ import annotations

from urllib.parse import urlencode

import django_filters
from django.utils.translation import gettext_lazy as _
from django_filters.fields import ModelChoiceField, ModelChoiceIterator

from budget_portal.models import BudgetCycle
from budget_portal.widgets import QuickSelect
from proposals.models import Kind, Proposal, ServiceFrame, Status, statuses_visible_to


class _ListedChoices(ModelChoiceIterator):
    """The committees as one plain query: Django's choices use QuerySet.iterator(), on
    PostgreSQL a server-side cursor (DECLARE, FETCH, CLOSE: three round trips for six rows),
    and every view of the card list draws this select."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        if self.field.null_label is not None:
            yield (self.field.null_value, self.field.null_label)
        for committee in self.queryset.all():
            yield self.choice(committee)


class _CommitteeField(ModelChoiceField):
    iterator = _ListedChoices


class _CommitteeFilter(django_filters.ModelChoiceFilter):
    field_class = _CommitteeField


class ProposalFilter(django_filters.FilterSet):
    # Named in Danish, as every query parameter of the portal is (?udvalg=3&type=T).
    udvalg = _CommitteeFilter(
        label=_("Udvalg"), field_name="committee", queryset=None, empty_label=_("Alle")
    )
    type = django_filters.ChoiceFilter(
        label=_("Type"), field_name="kind", choices=Kind.choices, empty_label=_("Alle")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Status.choices, empty_label=_("Alle")
    )
    serviceramme = django_filters.ChoiceFilter(
        label=_("Inden for servicerammen"),
        field_name="service_frame",
        choices=[(v, label) for v, label in ServiceFrame.choices if v],
        empty_label=_("Alle"),
    )

    class Meta:
        model = Proposal
        fields = ["udvalg", "type", "status", "serviceramme"]

    def __init__(self, *args, cycle: BudgetCycle, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["udvalg"].queryset = cycle.committees.all()
        # Only the states USER can see cards in (the rule that filters the cards).
        visible = statuses_visible_to(user)
        self.filters["status"].extra["choices"] = [c for c in Status.choices if c[0] in visible]
        for choice in self.filters.values():  # DKFDS draws its chevron on .form-select
            choice.extra["widget"] = QuickSelect(attrs={"class": "form-select"})

    def query_string(self) -> str:
        """The filters in force as a query string, nothing else the request carried: links
        and cache keys then depend only on what the table shows (a bounded set)."""
        if not (self.is_bound and self.is_valid()):
            return ""
        chosen = self.form.cleaned_data
        return urlencode([(name, self.data[name]) for name in self.filters if chosen.get(name)])
