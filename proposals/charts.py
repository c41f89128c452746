"""The cards' charts: net per year by committee and by service frame, and one card's net."""

from __future__ import annotations

from django.utils.translation import gettext as _

from budget_portal.charts import Chart, Series
from budget_portal.models import BudgetCycle
from budget_portal.price_level import price_phrase
from proposals.models import CycleTotals, Proposal, ServiceFrame


def _years_text(cycle: BudgetCycle) -> str:
    return f"{cycle.first_year}–{cycle.last_year}"


def _totals_chart(totals, cycle, *, title, description, series, row_heading) -> Chart:
    facts = {"years": _years_text(cycle), "prices": price_phrase(totals, cycle.price_year)}
    return Chart(
        title=title,
        description=description % facts,
        labels=[str(y) for y in totals.years],
        series=series,
        unit=cycle.display_unit,
        row_heading=row_heading,
    )


def committee_chart(totals: CycleTotals, cycle: BudgetCycle) -> Chart:
    committees = sorted(totals.committees.values())
    return _totals_chart(
        totals,
        cycle,
        title=_("Netto pr. år fordelt på udvalg"),
        description=_(
            "Søjlediagram: en søjle pr. udvalg for hvert år %(years)s, %(prices)s. Over nul "
            "er merudgift, under nul mindreudgift. Tallene står i tabellen."
        ),
        series=[Series(name, [s.net for s in by_year.values()]) for name, by_year in committees],
        row_heading=_("Udvalg"),
    )


def frame_chart(totals: CycleTotals, cycle: BudgetCycle) -> Chart:
    return _totals_chart(
        totals,
        cycle,
        title=_("Netto pr. år inden for og uden for servicerammen"),
        description=_(
            "Søjlediagram: for hvert år %(years)s en søjle pr. svar på, om forslagene ligger "
            "inden for servicerammen (ja, nej, delvis, ikke oplyst), %(prices)s. Tallene står "
            "i tabellen."
        ),
        series=[
            Series(str(label), [s.net for s in totals.frame[value].values()])
            for value, label in ServiceFrame.choices
            if value in totals.frame
        ],
        row_heading=_("Inden for servicerammen"),
    )


def card_chart(card: Proposal, cycle: BudgetCycle) -> Chart:
    years = card.ordered_years()
    return Chart(
        title=_("Netto pr. år for %(n)s") % {"n": card.number},
        description=_(
            "Søjlediagram: forslagets netto for hvert år, i %(y)s-priser; et år uden tal har "
            "ingen søjle. Tallene står i tabellen."
        )
        % {"y": card.price_year},
        labels=[str(y.year) for y in years],
        series=[Series(_("Netto"), [y.net for y in years])],
        unit=cycle.display_unit,
        row_heading=_("Forslag"),
    )


# The card list's charts by the name in their address (proposals:list_chart).
LIST_CHARTS = {"udvalg": committee_chart, "serviceramme": frame_chart}
