"""The negotiation's chart: a scenario's net effect per year against the cycle's target."""

from __future__ import annotations

from django.utils.translation import gettext as _

from budget_portal.charts import Chart, Series
from budget_portal.models import BudgetCycle
from budget_portal.price_level import price_phrase
from politics.effects import Effect


def scenario_chart(effect: Effect, cycle: BudgetCycle, name: str) -> Chart:
    totals = [effect.totals[y] for y in effect.years]
    series = [Series(_("Scenariets netto"), [t.net if t.complete else None for t in totals])]
    if any(t.target is not None for t in totals):
        series.append(Series(_("Budgetmål"), [t.target for t in totals]))
    return Chart(
        title=_("%(name)s: netto pr. år mod budgetmålet") % {"name": name},
        description=_(
            "Søjlediagram: for hvert år %(first)s–%(last)s scenariets netto (med de valgte "
            "andele, %(prices)s) og, hvor det er sat, budgetmålet. Et år med forslag, der "
            "mangler tal, har ingen søjle for scenariet. Tallene står i tabellen."
        )
        % {
            "first": effect.years[0],
            "last": effect.years[-1],
            "prices": price_phrase(effect, cycle.price_year),
        },
        labels=[str(y) for y in effect.years],
        series=series,
        unit=cycle.display_unit,
        row_heading=_("Beløb"),
    )
